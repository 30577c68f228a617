package io.wagate.error;

/** Checks of text fields that fail as a 400 naming the field. */
public final class Fields {
    private Fields() {}

    /** Non-blank, without surrounding white space, at most {@code max} characters (code points). */
    public static String requiredText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return atMost(value.strip(), field, max);
    }

    /** {@code value} (null passes) within {@code max} characters, by wagate's own limit. */
    public static String limited(String value, String field, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw ApiException.badRequest(field + " is longer than the limit of " + max + " characters");
        }
        return value;
    }

    public static String atMost(String value, String field, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            throw ApiException.badRequest(field + " is longer than WhatsApp's limit of " + max + " characters");
        }
        return value;
    }
}
