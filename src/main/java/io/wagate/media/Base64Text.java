package io.wagate.media;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code file.data} as the request carried it: a string in memory, or a JSON string left where it is in a request
 * body spooled to disk ({@code http/JsonBody}), read from there only when it is decoded, so that a large file sent
 * as base64 never exists in memory as a whole.
 */
@JsonDeserialize(using = Base64Text.Deserializer.class)
public sealed interface Base64Text {

    static Base64Text of(String text) {
        return new InMemory(text);
    }

    boolean isEmpty();

    /** The text's characters, once. */
    Reader open();

    record InMemory(String text) implements Base64Text {
        @Override
        public boolean isEmpty() {
            return text.isEmpty();
        }

        @Override
        public Reader open() {
            return new StringReader(text);
        }
    }

    /** The JSON string whose opening quote is at byte {@code quoteOffset} of {@code body}. */
    record Spooled(Path body, long quoteOffset) implements Base64Text {
        @Override
        public boolean isEmpty() {
            try (var reader = open()) {
                return reader.read() < 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Reader open() {
            try {
                var channel = FileChannel.open(body, StandardOpenOption.READ).position(quoteOffset + 1);
                return new JsonStringReader(new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spooled request body", e);
            }
        }
    }

    /**
     * The characters of a JSON string read from its bytes, escapes resolved, up to its closing quote. Bytes beyond
     * ASCII come out as {@code '!'}: never base64, so the decoder rejects them.
     */
    final class JsonStringReader extends Reader {
        private final InputStream in;
        private boolean ended;

        JsonStringReader(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("the JSON string has no end");
            }
            if (b == '"') {
                ended = true;
                return -1;
            }
            if (b != '\\') {
                return b < 0x80 ? b : '!';
            }
            int escaped = in.read();
            return switch (escaped) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case '/', '\\', '"' -> escaped;
                case 'u' -> unicode();
                default -> throw new IOException("a broken escape in a JSON string");
            };
        }

        private int unicode() throws IOException {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(in.read(), 16);
                if (digit < 0) {
                    throw new IOException("a broken \\u escape in a JSON string");
                }
                value = value * 16 + digit;
            }
            return value < 0x80 ? value : '!';
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int count = 0;
            while (count < length) {
                int c = read();
                if (c < 0) {
                    return count == 0 ? -1 : count;
                }
                buffer[offset + count++] = (char) c;
            }
            return count;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A JSON string, or (from a spooled body's tree) the {@link Spooled} already made for it. */
    final class Deserializer extends JsonDeserializer<Base64Text> {
        @Override
        public Base64Text deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT && p.getEmbeddedObject() instanceof Base64Text text) {
                return text;
            }
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return of(p.getText());
            }
            return (Base64Text) ctxt.handleUnexpectedToken(Base64Text.class, p);
        }
    }
}
