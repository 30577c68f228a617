package io.wagate.label;

import io.wagate.error.ApiException;
import java.util.List;
import java.util.Locale;

/**
 * A WhatsApp Business label, in WAHA's shape: {@code color} is WhatsApp's colour index (0-19), {@code colorHex}
 * the colour WhatsApp's apps paint for it.
 */
public record Label(String id, String name, int color, String colorHex) {
    /** WhatsApp's label colours, by index. */
    static final List<String> COLORS = List.of("#ff9485", "#64c4ff", "#ffd429", "#dfaef0", "#99b6c1", "#55ccb3",
            "#ff9dff", "#d3a91d", "#6d7cce", "#d7e752", "#00d0e2", "#ffc5c7", "#93ceac", "#f74848", "#00a0f2",
            "#83e422", "#ffaf04", "#b5ebff", "#9ba6ff", "#9368cf");

    public static Label of(String id, String name, int color) {
        return new Label(id, name, color, color >= 0 && color < COLORS.size() ? COLORS.get(color) : null);
    }

    /** The colour index from {@code color} or else {@code colorHex} (one of WhatsApp's); 400 for anything else. */
    static int colorOf(Integer color, String colorHex) {
        if (color != null) {
            if (color < 0 || color >= COLORS.size()) {
                throw ApiException.badRequest("color must be WhatsApp's colour index, 0 to " + (COLORS.size() - 1));
            }
            if (colorHex != null && !COLORS.get(color).equalsIgnoreCase(colorHex)) {
                throw ApiException.badRequest("color and colorHex name different colours");
            }
            return color;
        }
        if (colorHex == null) {
            throw ApiException.badRequest("color (0 to " + (COLORS.size() - 1) + ") or colorHex is required");
        }
        int index = COLORS.indexOf(colorHex.toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw ApiException.badRequest("colorHex must be one of WhatsApp's label colours: " + String.join(", ", COLORS));
        }
        return index;
    }
}
