package io.wagate.message;

import io.wagate.error.ApiException;
import java.text.BreakIterator;

/** What WhatsApp takes as a reaction: one emoji (a single grapheme, skin tones and ZWJ sequences included), or "" to remove. */
public final class Reactions {
    /** The longest ZWJ sequences (families, flags of subdivisions) stay well under this many UTF-16 units. */
    private static final int MAX_CHARS = 32;

    private Reactions() {}

    public static String emoji(String value, String field) {
        if (value == null) {
            throw ApiException.badRequest(field + " is required: one emoji, or \"\" to remove the reaction");
        }
        if (value.isEmpty()) {
            return value;
        }
        if (value.length() > MAX_CHARS || graphemes(value) != 1 || value.codePoints().noneMatch(Reactions::pictographic)) {
            throw ApiException.badRequest(field + " must be a single emoji (or \"\" to remove the reaction)");
        }
        return value;
    }

    /** An emoji drawn as a picture; U+FE0F asks for that drawing of a character such as a keycap digit. */
    private static boolean pictographic(int codePoint) {
        return Character.isExtendedPictographic(codePoint) || Character.isEmojiPresentation(codePoint)
                || codePoint == 0xFE0F;
    }

    private static int graphemes(String value) {
        var characters = BreakIterator.getCharacterInstance();
        characters.setText(value);
        int count = 0;
        while (characters.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }
}
