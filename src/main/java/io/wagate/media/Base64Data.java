package io.wagate.media;

import io.wagate.error.ApiException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code file.data}: base64 in the standard or the URL-safe alphabet, padded or not, line breaks allowed,
 * optionally as a {@code data:<mime>;base64,} URL. {@link #stream()} decodes lazily straight from the string,
 * so a large file never exists as a second full copy in memory.
 *
 * @param declaredType the type a data: URL names, or null
 */
record Base64Data(String text, int start, String declaredType) {

    static Base64Data parse(String data) {
        if (data.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = data.indexOf(',');
            if (comma < 0) {
                throw ApiException.badRequest("file.data is a data: URL without a comma before the data");
            }
            String header = data.substring(5, comma);
            if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw ApiException.badRequest("file.data must be base64; a data: URL needs ';base64' before the comma");
            }
            int semicolon = header.indexOf(';');
            String type = header.substring(0, semicolon).trim();
            return new Base64Data(data, comma + 1, type.isEmpty() ? null : type);
        }
        return new Base64Data(data, 0, null);
    }

    /** The decoded bytes; reading throws IOException at the first character that is not base64. */
    InputStream stream() {
        var chars = new Chars();
        return new FilterInputStream(Base64.getDecoder().wrap(chars)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read < 0) {
                    chars.expectEnd();
                }
                return read;
            }
        };
    }

    /** The text as ASCII bytes, read in place: URL-safe characters become standard ones and blanks are skipped. */
    private final class Chars extends InputStream {
        private int next = start;

        @Override
        public int read() {
            while (next < text.length()) {
                char c = text.charAt(next++);
                switch (c) {
                    case ' ', '\t', '\r', '\n' -> { }
                    case '-' -> { return '+'; }
                    case '_' -> { return '/'; }
                    // Not ASCII: hand the decoder a byte it refuses, so the error is its "illegal character".
                    default -> { return c < 128 ? c : '!'; }
                }
            }
            return -1;
        }

        /** The decoder stops at padding without looking further; text after it ("QQ==QQ==") is not base64. */
        void expectEnd() throws IOException {
            int c;
            while ((c = read()) >= 0) {
                if (c != '=') {
                    throw new IOException("characters after the end padding");
                }
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int count = 0;
            while (count < length) {
                int b = read();
                if (b < 0) {
                    return count == 0 ? -1 : count;
                }
                buffer[offset + count++] = (byte) b;
            }
            return count;
        }
    }
}
