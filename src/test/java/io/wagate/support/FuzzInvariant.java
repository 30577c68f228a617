package io.wagate.support;

import io.wagate.error.ApiException;
import java.time.Duration;

/**
 * What every fuzz test holds a parser to: it returns, or refuses the input with a client error (an
 * {@link ApiException} of a 4xx kind), and does so quickly. Anything else (a 5xx kind, an exception of another
 * type) escapes and is a finding; so is an OutOfMemoryError under the fuzz forks' small heap.
 */
public final class FuzzInvariant {
    /** Far above what any of these parsers needs for a few kilobytes of input. */
    public static final Duration PER_INPUT = Duration.ofSeconds(2);

    private FuzzInvariant() {}

    @FunctionalInterface
    public interface Target {
        void run() throws Exception;
    }

    public static void holds(Target target) throws Exception {
        long start = System.nanoTime();
        try {
            target.run();
        } catch (ApiException refused) {
            int status = refused.kind().status();
            if (status < 400 || status >= 500) {
                throw new AssertionError("refused with " + status + " instead of a client error", refused);
            }
        }
        long took = System.nanoTime() - start;
        if (took > PER_INPUT.toNanos()) {
            throw new AssertionError("one input took " + Duration.ofNanos(took).toMillis() + " ms");
        }
    }

    /** {@code prefix} then {@code rest}: inputs framed like the real thing, so the fuzzer starts past the opening. */
    public static byte[] framed(byte[] prefix, byte[] rest) {
        byte[] both = java.util.Arrays.copyOf(prefix, prefix.length + rest.length);
        System.arraycopy(rest, 0, both, prefix.length, rest.length);
        return both;
    }
}
