package io.wagate.engine.baileys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a bridge stream (UTF-8, ended by LF, a CR before it dropped) of at most {@code maxBytes} bytes each.
 * A reader of unbounded lines would hold whatever a runaway bridge writes, until the heap is gone.
 */
final class BoundedLines {
    /** A line past the limit, {@code start} its beginning; {@link #skipRest} reads past the rest of it. */
    static final class TooLong extends IOException {
        final String start;

        TooLong(int limit, String start) {
            super("a line of more than " + limit + " bytes");
            this.start = start;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int end;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, null at the end of the stream; the last line may lack its LF. */
    String next() throws IOException {
        line.reset();
        while (fill()) {
            int newline = indexOfNewline();
            int taken = (newline < 0 ? end : newline) - position;
            if (line.size() + taken > maxBytes) {
                line.write(buffer, position, Math.min(taken, Math.max(0, 200 - line.size())));
                throw new TooLong(maxBytes, abbreviated());
            }
            line.write(buffer, position, taken);
            position += taken;
            if (newline >= 0) {
                position++;
                return text();
            }
        }
        return line.size() == 0 ? null : text();
    }

    /** Reads past the rest of a line that was too long; false when the stream ended first. */
    boolean skipRest() throws IOException {
        while (fill()) {
            int newline = indexOfNewline();
            if (newline >= 0) {
                position = newline + 1;
                return true;
            }
            position = end;
        }
        return false;
    }

    /** False at the end of the stream; else something is buffered. */
    private boolean fill() throws IOException {
        if (position < end) {
            return true;
        }
        int read = in.read(buffer, 0, buffer.length);
        position = 0;
        end = Math.max(read, 0);
        return read > 0;
    }

    private int indexOfNewline() {
        for (int i = position; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private String text() {
        int size = line.size();
        byte[] bytes = line.toByteArray();
        if (size > 0 && bytes[size - 1] == '\r') {
            size--;
        }
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private String abbreviated() {
        return new String(line.toByteArray(), 0, Math.min(line.size(), 200), StandardCharsets.UTF_8) + "…";
    }
}
