package io.wagate.ids;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every JDK has, without the checked exception at each use. */
public final class Sha256 {
    /** Never updated, only copied: a copy costs less than looking the algorithm up among the providers. */
    private static final MessageDigest PRISTINE = create();

    private Sha256() {}

    /** The digest of the parts, one after the other. */
    public static byte[] digest(byte[]... parts) {
        var digest = fresh();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    private static MessageDigest fresh() {
        try {
            return (MessageDigest) PRISTINE.clone();
        } catch (CloneNotSupportedException e) {
            return create();
        }
    }

    private static MessageDigest create() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The digest of {@code prefix} and then everything {@code rest} holds (read to its end, not closed). */
    public static byte[] digest(byte[] prefix, InputStream rest) throws IOException {
        var digest = fresh();
        digest.update(prefix);
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = rest.read(buffer)) >= 0) {
            digest.update(buffer, 0, read);
        }
        return digest.digest();
    }

    public static byte[] digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
