package io.wagate.ids;

import io.wagate.error.ApiException;
import java.util.regex.Pattern;

/**
 * chatId rules of DESIGN §6: a bare phone number (digits; {@code +}, spaces, dashes, brackets
 * stripped; 7–15 digits) becomes {@code <digits>@c.us}; {@code @s.whatsapp.net} reads as
 * {@code @c.us}; groups, channels and LIDs pass through; anything else is a 400 naming the field.
 */
public final class ChatIds {
    private static final Pattern PHONE_NOISE = Pattern.compile("[+\\s()-]");
    private static final Pattern PHONE = Pattern.compile("^[0-9]{7,15}$");
    private static final Pattern USER = Pattern.compile("^([0-9]{7,15})@(c\\.us|s\\.whatsapp\\.net)$");
    private static final Pattern GROUP = Pattern.compile("^[0-9]{5,30}(-[0-9]{5,20})?@g\\.us$");
    private static final Pattern CHANNEL = Pattern.compile("^[0-9]{5,30}@newsletter$");
    private static final Pattern LID = Pattern.compile("^[0-9]{5,30}@lid$");

    private ChatIds() {}

    public static String normalize(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        String value = raw.trim();
        var user = USER.matcher(value);
        if (user.matches()) {
            return user.group(1) + "@c.us";
        }
        if (GROUP.matcher(value).matches() || CHANNEL.matcher(value).matches() || LID.matcher(value).matches()) {
            return value;
        }
        if (!value.contains("@")) {
            String digits = PHONE_NOISE.matcher(value).replaceAll("");
            if (PHONE.matcher(digits).matches()) {
                return digits + "@c.us";
            }
        }
        throw ApiException.badRequest(field + " must be a phone number with country code (7 to 15 digits), "
                + "<number>@c.us, <id>@g.us, <id>@newsletter or <id>@lid; got '" + abbreviate(value) + "'");
    }

    /** The phone digits of a personal chat id ({@code <digits>@c.us}), or null for groups and others. */
    public static String phoneOf(String chatId) {
        return chatId.endsWith("@c.us") ? chatId.substring(0, chatId.length() - "@c.us".length()) : null;
    }

    public static boolean isGroup(String chatId) {
        return chatId.endsWith("@g.us");
    }

    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
