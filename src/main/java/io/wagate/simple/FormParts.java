package io.wagate.simple;

import io.wagate.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A multipart/form-data body as its parts arrive. Each part's content is read from the request as
 * it is consumed, so a file goes from the connection to wherever its reader copies it.
 */
public interface FormParts {
    /**
     * The next part, after skipping what is left of the previous one; empty after the last.
     *
     * @throws ApiException 400 when the body is not well-formed multipart or was cut off
     */
    Optional<FormPart> next();

    /** One part: its field {@code name}, the client's {@code filename} (null for a plain field) and declared type. */
    record FormPart(String name, String filename, String contentType, InputStream content) {
        /**
         * The part as text (UTF-8), at most {@code maxBytes} bytes of it.
         *
         * @throws ApiException 400 when it is longer or the upload broke off
         */
        public String text(int maxBytes) {
            try {
                byte[] bytes = content.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw ApiException.badRequest("field '" + name + "' is longer than " + maxBytes + " bytes");
                }
                // Strict: a malformed or overlong sequence (C0 AF for "/") is refused, not guessed at.
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw ApiException.badRequest("field '" + name + "' is not valid UTF-8");
            } catch (IOException e) {
                throw ApiException.badRequest("the upload broke off in field '" + name + "': " + e.getMessage());
            }
        }
    }
}
