package io.wagate.media;

/**
 * Turns a client's file name into a name fit to show a recipient. It is a display name only and is never used
 * as a path; still, it must not smuggle a path, control characters or right-to-left tricks
 * ("invoice\u202Efdp.exe") into a chat, nor be absurdly long.
 */
final class DisplayNames {
    static final int MAX_LENGTH = 200;
    private static final int MAX_EXTENSION = 16;

    private DisplayNames() {}

    /**
     * The safe form of {@code raw}, or {@code "file" + extension} when nothing usable is left.
     *
     * @param extension the sniffed type's usual extension (".png"), or "" when it has none
     */
    static String of(String raw, String extension) {
        String name = raw == null ? "" : raw;
        // Both separators: a name from Windows arrives as C:\dir\x.exe.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        var kept = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE) {
                return;
            }
            // Characters that Windows refuses in names: a recipient saving the file should not trip on them.
            kept.appendCodePoint("<>:\"|?*".indexOf(c) >= 0 ? '_' : c);
        });
        name = strip(kept.toString());
        if (name.isEmpty()) {
            return "file" + extension;
        }
        return shorten(name);
    }

    /** Without surrounding blanks and dots: "..", "." and " .bashrc " are no names to show. */
    private static String strip(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (Character.isWhitespace(name.charAt(start)) || name.charAt(start) == '.')) {
            start++;
        }
        while (end > start && (Character.isWhitespace(name.charAt(end - 1)) || name.charAt(end - 1) == '.')) {
            end--;
        }
        return name.substring(start, end);
    }

    /** At most {@link #MAX_LENGTH} code points, keeping a short extension so the recipient's app can open it. */
    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
        String base = extension.isEmpty() ? name : name.substring(0, dot);
        int keep = MAX_LENGTH - extension.codePointCount(0, extension.length());
        return base.substring(0, base.offsetByCodePoints(0, keep)) + extension;
    }
}
