package io.wagate.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * What Jetty leaves to its user about hostile connections: a cap on the connections one client address
 * holds open (Jetty's own limits are server-wide), and a deadline for a request's headers (Jetty's idle
 * timeout is reset by every byte, so a client dribbling a header line every few seconds, slowloris,
 * would hold its connection for ever). A connection over the cap, or one whose request headers are not
 * complete within the deadline (its first request included), is closed.
 */
final class ConnectionGuard implements Connection.Listener {
    private final int maxPerAddress;
    private final Duration headerTimeout;
    private final Scheduler scheduler;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
    /** The connections counted, so that each is counted down once, however its closing is reported. */
    private final ConcurrentHashMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    ConnectionGuard(int maxPerAddress, Duration headerTimeout, Scheduler scheduler) {
        this.maxPerAddress = maxPerAddress;
        this.headerTimeout = headerTimeout;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        var address = addressOf(connection);
        if (address != null) {
            int count = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            if (count > maxPerAddress) {
                countDown(address);
                connection.getEndPoint().close();
                return;
            }
            counted.put(connection, address);
        }
        if (connection instanceof HttpConnection http) {
            scheduleCheck(http, -1, false);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        var address = counted.remove(connection);
        if (address != null) {
            countDown(address);
        }
    }

    private void countDown(InetAddress address) {
        open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /**
     * Every {@code headerTimeout}: a connection still reading the same request's headers as at the last look
     * (or with no request at all since it opened) has taken too long and is closed.
     */
    private void scheduleCheck(HttpConnection http, long messagesBefore, boolean inHeadersBefore) {
        scheduler.schedule(() -> {
            if (!http.getEndPoint().isOpen()) {
                return;
            }
            var parser = http.getParser();
            long messages = http.getMessagesIn();
            boolean inHeaders = !parser.isStart() && parser.inHeaderState();
            boolean nothingYet = messages == 0 && messagesBefore == -1 && parser.isStart();
            if (nothingYet || inHeaders && inHeadersBefore && messages == messagesBefore) {
                http.getEndPoint().close();
                return;
            }
            scheduleCheck(http, messages, inHeaders);
        }, headerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static InetAddress addressOf(Connection connection) {
        return connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress socket
                ? socket.getAddress() : null;
    }
}
