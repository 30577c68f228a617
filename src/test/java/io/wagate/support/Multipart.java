package io.wagate.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * multipart/form-data bodies as clients build them: a browser's FormData (fetch) or Python's
 * requests ({@code data=…, files=…}), which differ in their boundaries and in the order of parts.
 */
public final class Multipart {
    private final String boundary;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private Multipart(String boundary) {
        this.boundary = boundary;
    }

    /** Like Chrome's FormData: {@code ----WebKitFormBoundary} and 16 letters. */
    public static Multipart browser() {
        var letters = new StringBuilder("----WebKitFormBoundary");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 16; i++) {
            letters.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return new Multipart(letters.toString());
    }

    /** Like Python's requests (urllib3): 32 hex digits. */
    public static Multipart pythonRequests() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return new Multipart(HexFormat.of().formatHex(random));
    }

    public Multipart field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    public Multipart file(String name, String filename, String contentType, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(content);
        write("\r\n");
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public String boundary() {
        return boundary;
    }

    /** The whole body, with the closing boundary. */
    public byte[] bytes() {
        var copy = new ByteArrayOutputStream();
        copy.writeBytes(body.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    /** The body so far, without the closing boundary (for uploads cut off mid-part). */
    public byte[] unfinished() {
        return body.toByteArray();
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
