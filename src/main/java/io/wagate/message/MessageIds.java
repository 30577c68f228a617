package io.wagate.message;

import io.wagate.engine.MessageKey;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.ids.ChatIds;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serialized message ids, {@code {fromMe}_{chatId}_{id}[_{participant}]} (the form README "Messages" shows), parsed
 * back wherever a message id is accepted.
 */
public final class MessageIds {
    private static final Pattern SERIALIZED =
            Pattern.compile("^(true|false)_([^_\\s]+@[a-z.]+)_([A-Za-z0-9]{4,64})(?:_([^_\\s]+@[a-z.]+))?$");

    private MessageIds() {}

    public static MessageKey parse(String serialized, String field) {
        if (serialized == null || serialized.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        var matcher = SERIALIZED.matcher(serialized.trim());
        if (!matcher.matches()) {
            throw ApiException.badRequest(field + " must be a message id like true_1234567890@c.us_3EB0C1A2B3; got '"
                    + ChatIds.abbreviate(serialized) + "'");
        }
        // Statuses are messages too (their media is downloaded like any other), though no client sends to them.
        ChatId chatId = ChatId.STATUS.value().equals(matcher.group(2)) ? ChatId.STATUS
                : ChatId.parse(matcher.group(2), field);
        Optional<ChatId> participant = Optional.ofNullable(matcher.group(4)).map(p -> ChatId.parse(p, field));
        return new MessageKey(chatId, Boolean.parseBoolean(matcher.group(1)), matcher.group(3), participant);
    }
}
