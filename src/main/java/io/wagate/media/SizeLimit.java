package io.wagate.media;

import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** The most bytes a file of one kind may have, enforced while copying so that nothing oversized is ever kept. */
record SizeLimit(long maxBytes, MediaKind kind) {
    private static final int BUFFER = 64 * 1024;

    ApiException exceeded() {
        return new ApiException(ErrorKind.PAYLOAD_TOO_LARGE, "the file is larger than the " + describe(maxBytes)
                + " limit for " + kind.plural());
    }

    /**
     * Copies {@code in} into {@code target}, reading at most {@code maxBytes + 1} bytes: one byte past the limit
     * proves the file too large, and the rest is never read.
     *
     * @param readFailure what a failure to read the source means (invalid base64, a broken download)
     * @return the number of bytes copied
     * @throws ApiException 413 past the limit, or what {@code readFailure} makes of a read error
     */
    long copy(InputStream in, Path target, Function<IOException, ApiException> readFailure) {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            while (true) {
                int wanted = (int) Math.min(buffer.length, maxBytes + 1 - total);
                int read;
                try {
                    read = in.read(buffer, 0, wanted);
                } catch (IOException e) {
                    throw readFailure.apply(e);
                }
                if (read < 0) {
                    return total;
                }
                total += read;
                if (total > maxBytes) {
                    throw exceeded();
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the temp file " + target, e);
        }
    }

    /** "16 MB" for whole megabytes (MiB, as the settings are), else the exact byte count. */
    static String describe(long bytes) {
        long mb = 1024 * 1024;
        return bytes % mb == 0 ? bytes / mb + " MB" : bytes + " bytes";
    }
}
