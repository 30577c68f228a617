package io.wagate.media;

import io.wagate.error.ApiException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code file.data}: base64 in the standard or the URL-safe alphabet, padded or not, line breaks allowed,
 * optionally as a {@code data:<mime>;base64,} URL. {@link #stream()} decodes lazily as the text is read, so a
 * large file never exists as a second full copy in memory (nor as a first one, when the text stays on disk).
 *
 * @param declaredType the type a data: URL names, or null
 */
record Base64Data(Reader text, String declaredType) {
    private static final String DATA_URL = "data:";
    /** A data: URL's header ({@code data:image/png;base64}) is short; a longer one is not what it claims. */
    private static final int MAX_HEADER = 1_000;

    static Base64Data parse(Base64Text source) {
        var text = new PushbackReader(source.open(), DATA_URL.length());
        try {
            char[] start = new char[DATA_URL.length()];
            int read = text.read(start);
            if (read < DATA_URL.length() || !new String(start).equalsIgnoreCase(DATA_URL)) {
                if (read > 0) {
                    text.unread(start, 0, read);
                }
                return new Base64Data(text, null);
            }
            var header = new StringBuilder();
            int c;
            while ((c = text.read()) != ',') {
                if (c < 0 || header.length() >= MAX_HEADER) {
                    throw ApiException.badRequest("file.data is a data: URL without a comma before the data");
                }
                header.append((char) c);
            }
            if (!header.toString().toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw ApiException.badRequest("file.data must be base64; a data: URL needs ';base64' before the comma");
            }
            String type = header.substring(0, header.indexOf(";")).trim();
            return new Base64Data(text, type.isEmpty() ? null : type);
        } catch (IOException e) {
            closeQuietly(text);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(text);
            throw e;
        }
    }

    private static void closeQuietly(Reader text) {
        try {
            text.close();
        } catch (IOException ignored) {
            // nothing was read from it that matters any more
        }
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

            @Override
            public void close() throws IOException {
                text.close();
            }
        };
    }

    /** The text as ASCII bytes, read as it goes: URL-safe characters become standard ones and blanks are skipped. */
    private final class Chars extends InputStream {
        @Override
        public int read() throws IOException {
            int c;
            while ((c = text.read()) >= 0) {
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
        public int read(byte[] buffer, int offset, int length) throws IOException {
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
