package io.wagate.simple;

import io.wagate.error.ApiException;
import java.util.Locale;

/** Booleans of multipart forms, which arrive as text: true/false, 1/0 or on/off, in any case. */
final class FormFlags {
    private FormFlags() {}

    /** {@code false} when the field was not sent. */
    static boolean parse(String value, String field) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on" -> true;
            case "false", "0", "off" -> false;
            default -> throw ApiException.badRequest(field + " must be true or false (or 1/0, on/off); got '"
                    + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'");
        };
    }
}
