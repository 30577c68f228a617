package io.wagate.support;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** HTTP/1.1 read off a raw socket, for tests that must control the connection itself (keep-alive, timeouts). */
public final class RawHttp {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    private RawHttp() {}

    /** GET {@code path} on {@code socket} (kept alive): the whole answer, head and body. */
    public static String get(java.net.Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return readAnswer(socket.getInputStream());
    }

    /** One answer's head and body (by its Content-Length), as text. */
    public static String readAnswer(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed after: " + head);
            }
            head.append((char) b);
        }
        var length = CONTENT_LENGTH.matcher(head);
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
