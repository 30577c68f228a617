package io.wagate.ids;

import io.wagate.error.ApiException;
import java.util.regex.Pattern;

/**
 * The chatId rules: a bare phone number (digits; {@code +}, spaces, dashes, brackets
 * stripped; 7–15 digits) becomes {@code <digits>@c.us}; {@code @s.whatsapp.net} reads as
 * {@code @c.us}; groups, channels and LIDs pass through; anything else is a 400 naming the field.
 * Code outside this package gets ids through {@link ChatId}'s parse methods, never as strings.
 */
public final class ChatIds {
    private static final Pattern PHONE_NOISE = Pattern.compile("[+\\s()-]");
    private static final Pattern PHONE = Pattern.compile("^[0-9]{7,15}$");
    private static final Pattern USER = Pattern.compile("^([0-9]{7,15})@(c\\.us|s\\.whatsapp\\.net)$");
    private static final Pattern GROUP = Pattern.compile("^[0-9]{5,30}(-[0-9]{5,20})?@g\\.us$");
    private static final Pattern CHANNEL = Pattern.compile("^[0-9]{5,30}@newsletter$");
    private static final Pattern LID = Pattern.compile("^[0-9]{5,30}@lid$");
    private static final Pattern BARE_GROUP = Pattern.compile("^[0-9]{5,30}(-[0-9]{5,20})?$");
    private static final Pattern BARE_CHANNEL = Pattern.compile("^[0-9]{5,30}$");

    private ChatIds() {}

    static String normalize(String raw, String field) {
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

    /** A phone number given alone: digits with country code, {@code +}, spaces, dashes and brackets ignored. */
    public static String phoneDigits(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        String digits = PHONE_NOISE.matcher(raw).replaceAll("");
        if (!PHONE.matcher(digits).matches()) {
            throw ApiException.badRequest(field + " must be a phone number of 7 to 15 digits with country code");
        }
        return digits;
    }

    /** A group id as given in a path or body: {@code <digits>@g.us} or just the digits. */
    static String groupId(String raw, String field) {
        return withSuffix(raw, field, BARE_GROUP, GROUP, "@g.us", "a group id like 120363024802736123@g.us");
    }

    /** A channel id as given in a path or body: {@code <digits>@newsletter} or just the digits. */
    static String channelId(String raw, String field) {
        return withSuffix(raw, field, BARE_CHANNEL, CHANNEL, "@newsletter",
                "a channel id like 120363024802736123@newsletter");
    }

    /** A personal chat id ({@code <digits>@c.us}) from a phone number or chat id; groups and others are a 400. */
    static String personId(String raw, String field) {
        String id = normalize(raw, field);
        if (!id.endsWith("@c.us")) {
            throw ApiException.badRequest(field + " must name a person (a phone number or <number>@c.us); got '"
                    + abbreviate(raw.trim()) + "'");
        }
        return id;
    }

    private static String withSuffix(String raw, String field, Pattern bare, Pattern full, String suffix,
                                     String expected) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        String value = raw.trim();
        if (bare.matcher(value).matches()) {
            return value + suffix;
        }
        if (full.matcher(value).matches()) {
            return value;
        }
        throw ApiException.badRequest(field + " must be " + expected + " (the suffix may be left out); got '"
                + abbreviate(value) + "'");
    }

    /** A client's value as error messages quote it: at most 60 characters. */
    public static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
