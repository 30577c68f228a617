package io.wagate.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL notification channel: payloads published here ({@code NOTIFY}, in their order, off the caller's
 * thread) reach every node listening on it, this one included. While the listening connection is down nothing is
 * heard; it listens again a second later.
 */
final class Notifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    /** PostgreSQL's limit on a notification's payload is 8000 bytes. */
    static final int MAX_PAYLOAD = 7999;

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final String channel;
    private final ExecutorService publisher;
    private volatile boolean closed;
    private volatile Thread listener;

    Notifications(DataSource dataSource, Jdbi jdbi, String channel) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.channel = channel;
        this.publisher = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name(channel + "-notify").daemon().factory());
    }

    /** Starts listening; {@code receiver} hears each payload on the listening thread. */
    void listen(Consumer<String> receiver) {
        listener = Thread.ofPlatform().name(channel + "-listen").daemon().start(() -> listenLoop(receiver));
    }

    /** Queues {@code payload} for the channel; {@code what} names it in the log if it cannot be sent. */
    void publish(String payload, String what) {
        try {
            publisher.execute(() -> {
                try {
                    jdbi.useHandle(h -> h.createQuery("SELECT pg_notify(:channel, :payload)")
                            .bind("channel", channel).bind("payload", payload).mapTo(String.class).findOne());
                } catch (RuntimeException e) {
                    log.warn("{} could not be sent to the other nodes: {}", what, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }

    private void listenLoop(Consumer<String> receiver) {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                var pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    var notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (var notification : notifications) {
                            receiver.accept(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("the {} listener lost its connection (listening again in a second): {}", channel, e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        publisher.shutdownNow();
        var running = listener;
        if (running != null) {
            running.interrupt();
        }
    }
}
