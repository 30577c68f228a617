package io.wagate.stream;

import java.util.concurrent.CompletableFuture;

/** One client's connection as the hub uses it; the HTTP layer adapts its WebSocket session to this. */
public interface FrameSink {
    /** Sends one text frame; the future completes once the frame is written to the connection. */
    CompletableFuture<Void> send(String text);

    /** Starts the closing handshake with {@code code} and {@code reason}; the future completes once its frame is sent. */
    CompletableFuture<Void> close(int code, String reason);

    /** Drops the connection at once, without a handshake (when a closing one does not get through). */
    void disconnect();
}
