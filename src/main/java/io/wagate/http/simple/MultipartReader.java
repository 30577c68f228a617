package io.wagate.http.simple;

import io.javalin.http.Context;
import io.wagate.error.ApiException;
import io.wagate.http.RequestBodies;
import io.wagate.simple.FormParts;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * A multipart/form-data request body read part by part as it arrives, with Jetty's multipart parser.
 * The parser pushes; this turns it into pulls: a part's content stream reads the request only as
 * far as its reader asks, through one 64 KB buffer that is refilled only once everything parsed
 * from it has been consumed. So a file goes from the connection straight to where its reader copies
 * it (the media intake's temp file) and a part over a size limit stops the upload there.
 */
final class MultipartReader implements FormParts, AutoCloseable {
    private static final int BUFFER = 64 * 1024;
    /** Parts beyond any endpoint's files and fields: a backstop, the endpoints count their own. */
    private static final int MAX_PARTS = 64;
    /** All header lines of one part together: a Content-Disposition with a 255-character name fits many times. */
    static final int MAX_PART_HEADERS_BYTES = 4096;

    private sealed interface Event {}

    private record Begin(Map<String, String> headers) implements Event {}

    /** Content of the current part: a slice of {@link #buffer}, valid until the next refill. */
    private record Bytes(ByteBuffer bytes) implements Event {}

    private record End() implements Event {}

    private record Complete() implements Event {}

    private record Failure(Throwable cause) implements Event {}

    private final InputStream in;
    private final MultiPart.Parser parser;
    private final byte[] buffer = new byte[BUFFER];
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private boolean inputEnded;
    private boolean complete;
    private PartContent current;

    private MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.parser = new MultiPart.Parser(boundary, new Listener());
        this.parser.setMaxParts(MAX_PARTS);
        this.parser.setPartHeadersMaxLength(MAX_PART_HEADERS_BYTES);
    }

    /** A body as it arrives on {@code in}, with parts between {@code boundary} lines (the fuzz tests feed bytes). */
    static MultipartReader over(InputStream in, String boundary) {
        return new MultipartReader(in, boundary);
    }

    /** The request's body; 400 when it is not multipart/form-data with a boundary. */
    static MultipartReader of(Context ctx, String expectedField) {
        String contentType = ctx.contentType();
        String boundary = contentType == null ? null : MultiPart.extractBoundary(contentType);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || boundary == null || boundary.isEmpty()) {
            throw ApiException.badRequest("this endpoint takes multipart/form-data with the files in '"
                    + expectedField + "' (Content-Type was " + (contentType == null ? "missing" : "'" + contentType + "'")
                    + ")");
        }
        try {
            return new MultipartReader(ctx.req().getInputStream(), boundary);
        } catch (IOException e) {
            throw cutOff(e);
        }
    }

    @Override
    public Optional<FormPart> next() {
        try {
            if (current != null) {
                current.skipRest();
                current = null;
            }
            while (true) {
                switch (nextEvent()) {
                    case Begin begin -> {
                        current = new PartContent();
                        return Optional.of(part(begin.headers(), current));
                    }
                    case Complete complete -> {
                        return Optional.empty();
                    }
                    case Failure failure -> throw malformed(failure.cause());
                    case Bytes bytes -> { } // the preamble's; the parser gives none, but nothing is lost if it did
                    case End end -> { }
                }
            }
        } catch (IOException e) {
            throw cutOff(e);
        }
    }

    /** Reads and drops a bounded rest of an unfinished body, so that the client sees the answer rather than a reset. */
    @Override
    public void close() {
        if (!complete) {
            RequestBodies.drain(in);
        }
    }

    private Event nextEvent() throws IOException {
        while (events.isEmpty()) {
            if (inputEnded) {
                throw new EOFException("the multipart body ended before its final boundary");
            }
            fill();
        }
        var event = events.poll();
        if (event instanceof Complete) {
            complete = true;
        }
        return event;
    }

    /** Reads the next piece of the request and parses it; only when every earlier event has been taken. */
    private void fill() throws IOException {
        int read = in.read(buffer);
        if (read < 0) {
            inputEnded = true;
            parser.parse(Content.Chunk.EOF);
            return;
        }
        parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, read), false));
    }

    /** The content of the part being read: pulls events until the part ends. */
    private final class PartContent extends InputStream {
        private ByteBuffer bytes = ByteBuffer.allocate(0);
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (!bytes.hasRemaining()) {
                if (ended) {
                    return -1;
                }
                switch (nextEvent()) {
                    case Bytes next -> bytes = next.bytes();
                    case End end -> ended = true;
                    case Failure failure -> throw new IOException(failure.cause().getMessage(), failure.cause());
                    case Begin begin -> throw new IllegalStateException("a part began inside another");
                    case Complete complete -> throw new IllegalStateException("the body completed inside a part");
                }
            }
            int count = Math.min(length, bytes.remaining());
            bytes.get(target, offset, count);
            return count;
        }

        void skipRest() throws IOException {
            bytes.position(bytes.limit());
            byte[] sink = new byte[8 * 1024];
            while (read(sink, 0, sink.length) >= 0) {
                // dropped: the reader did not want the rest of this part
            }
        }
    }

    private final class Listener implements MultiPart.Parser.Listener {
        private Map<String, String> headers = new HashMap<>();

        @Override
        public void onPartBegin() {
            headers = new HashMap<>();
        }

        @Override
        public void onPartHeader(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
        }

        @Override
        public void onPartHeaders() {
            events.add(new Begin(headers));
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            if (chunk.hasRemaining()) {
                events.add(new Bytes(chunk.getByteBuffer().slice()));
            }
        }

        @Override
        public void onPartEnd() {
            events.add(new End());
        }

        @Override
        public void onComplete() {
            events.add(new Complete());
        }

        @Override
        public void onFailure(Throwable failure) {
            events.add(new Failure(failure));
        }
    }

    /** A part as its headers describe it: {@code Content-Disposition: form-data; name="x"; filename="y"}. */
    private static FormPart part(Map<String, String> headers, InputStream content) {
        String disposition = headers.get("content-disposition");
        var parameters = new HashMap<String, String>();
        String type;
        try {
            type = disposition == null ? null : HttpField.getValueParameters(disposition, parameters);
        } catch (IllegalArgumentException e) {
            // Jetty's tokenizer refuses an unterminated quote (a file name that ran into a line break).
            throw ApiException.badRequest("a part's Content-Disposition header is malformed: " + e.getMessage());
        }
        if (type == null || !type.trim().equalsIgnoreCase("form-data")) {
            throw ApiException.badRequest("every part needs Content-Disposition: form-data with a name");
        }
        var lower = new HashMap<String, String>();
        parameters.forEach((key, value) -> lower.put(key.trim().toLowerCase(Locale.ROOT), value));
        String name = lower.get("name");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("every part needs a name (Content-Disposition: form-data; name=\"...\")");
        }
        String filename = lower.containsKey("filename*") ? extendedValue(lower.get("filename*")) : lower.get("filename");
        return new FormPart(name, filename, headers.get("content-type"), content);
    }

    /** RFC 5987's {@code UTF-8''%E2%82%AC.pdf}; anything it cannot read is taken as it is (a display name only). */
    private static String extendedValue(String value) {
        int quotes = value.indexOf("''");
        if (quotes < 0) {
            return value;
        }
        try {
            var charset = Charset.forName(value.substring(0, quotes).trim());
            return URLDecoder.decode(value.substring(quotes + 2).replace("+", "%2B"), charset);
        } catch (IllegalArgumentException e) {
            return value.substring(quotes + 2);
        }
    }

    private static ApiException malformed(Throwable cause) {
        if (cause.getMessage() != null && cause.getMessage().contains("headers max length")) {
            return ApiException.badRequest("a part's headers are longer than the limit of " + MAX_PART_HEADERS_BYTES
                    + " bytes (all its part headers lines together)");
        }
        return ApiException.badRequest("the multipart body is not well-formed: " + cause.getMessage());
    }

    private static ApiException cutOff(IOException e) {
        return ApiException.badRequest("the upload was cut off: " + (e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()));
    }
}
