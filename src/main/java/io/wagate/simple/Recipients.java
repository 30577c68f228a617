package io.wagate.simple;

import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.ids.ChatIds;

/** Who a simple-API message goes to: exactly one of {@code number} (a phone number) or {@code group}. */
final class Recipients {
    private Recipients() {}

    /** The chat id: {@code <digits>@c.us} for a number ({@code +}, spaces, dashes ignored), {@code <id>@g.us} for a group. */
    static ChatId chatId(String number, String group) {
        boolean hasNumber = number != null && !number.isBlank();
        boolean hasGroup = group != null && !group.isBlank();
        if (hasNumber && hasGroup) {
            throw ApiException.badRequest("give either number or group, not both");
        }
        if (!hasNumber && !hasGroup) {
            throw ApiException.badRequest("number or group is required");
        }
        return hasNumber ? ChatId.ofPhone(ChatIds.phoneDigits(number, "number")) : ChatId.group(group, "group");
    }
}
