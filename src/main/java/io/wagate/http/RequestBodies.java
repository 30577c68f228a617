package io.wagate.http;

import java.io.IOException;
import java.io.InputStream;

/** What every surface does with a request body it refuses before reading it all. */
public final class RequestBodies {
    /** How much of a refused body is read and dropped before answering. */
    public static final long DRAIN_BYTES = 8L * 1024 * 1024;

    private RequestBodies() {}

    /**
     * Reads and drops up to {@link #DRAIN_BYTES} more of the body: a client that sends its whole body
     * before reading the answer would otherwise see the connection reset instead of the answer (a
     * 413, say). A body that is longer still is left to Jetty, which then closes the connection.
     */
    public static void drain(InputStream in) {
        byte[] sink = new byte[64 * 1024];
        long drained = 0;
        try {
            int read;
            while (drained < DRAIN_BYTES && (read = in.read(sink)) > 0) {
                drained += read;
            }
        } catch (IOException e) {
            // The client went away or broke off: there is nobody left to answer.
        }
    }
}
