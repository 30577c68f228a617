package io.wagate.stream;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: a bounded queue filled on the engine's thread and emptied by a virtual
 * thread that writes one frame at a time and waits until it is written. A client that reads slower
 * than events come thus fills its queue instead of the server's memory.
 */
final class StreamClient {
    private static final Logger log = LoggerFactory.getLogger(StreamClient.class);

    private final String id;
    private final Subscription subscription;
    private final String keyHash;
    private final FrameSink sink;
    private final BlockingQueue<String> queue;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread sender;

    StreamClient(String id, Subscription subscription, String keyHash, FrameSink sink, int queueFrames) {
        this.id = id;
        this.subscription = subscription;
        this.keyHash = keyHash;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(queueFrames);
        this.sender = Thread.ofVirtual().name("ws-client-" + id).unstarted(this::pump);
    }

    void start() {
        sender.start();
    }

    String id() {
        return id;
    }

    Subscription subscription() {
        return subscription;
    }

    String keyHash() {
        return keyHash;
    }

    FrameSink sink() {
        return sink;
    }

    int capacity() {
        return queue.remainingCapacity() + queue.size();
    }

    /** Queues a frame without waiting; false when the queue is full. */
    boolean offer(String frame) {
        return stopped.get() || queue.offer(frame);
    }

    /** Stops sending and forgets what is queued; the connection itself is the caller's to close. */
    void stop() {
        if (stopped.compareAndSet(false, true)) {
            queue.clear();
            sender.interrupt();
        }
    }

    private void pump() {
        try {
            while (!stopped.get()) {
                String frame = queue.take();
                sink.send(frame).get();
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (ExecutionException | RuntimeException e) {
            // The connection failed; its close event removes the client from the hub.
            log.debug("WebSocket client {} could not be written to: {}", id,
                    (e instanceof ExecutionException ? e.getCause() : e).toString());
        }
    }
}
