package io.wagate.net;

import io.wagate.error.ApiException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * An HTTP client for URLs that clients of wagate choose. Every new connection resolves its host through the
 * {@link TargetGuard} and connects only to the addresses that check allowed, so a DNS answer that changes
 * between the check and the connection (rebinding) cannot slip a private address in. TLS still verifies the
 * certificate against the host name and sends it as SNI, as Jetty does for any request.
 *
 * <p>Redirects are not followed: a caller follows them itself so that each hop goes through
 * {@link #newRequest} again. Jetty keeps one connection pool per origin and tag; trusted and guarded requests
 * carry different tags, so a connection a trusted caller opened to a private address is never reused for an
 * untrusted one.
 */
public final class GuardedHttpClient implements AutoCloseable {
    private enum Trust { TRUSTED, GUARDED }

    private final TargetGuard guard;
    private final HttpClient client;

    public GuardedHttpClient(TargetGuard guard, String userAgent) {
        this(guard, userAgent, "wagate-fetch", 64);
    }

    /** @param maxConnectionsPerOrigin connections kept open to one scheme, host and port at most */
    public GuardedHttpClient(TargetGuard guard, String userAgent, String name, int maxConnectionsPerOrigin) {
        this.guard = guard;
        this.client = new HttpClient();
        client.setName(name);
        client.setMaxConnectionsPerDestination(maxConnectionsPerOrigin);
        client.setExecutor(new VirtualThreadPool());
        client.setFollowRedirects(false);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
        client.setSocketAddressResolver(this::resolve);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client " + name + " did not start", e);
        }
    }

    /**
     * A request to {@code uri} after checking its scheme and host (a refused URL fails here, before any
     * traffic; the addresses are checked again when a connection opens).
     *
     * @throws ApiException 400 when the guard refuses the URL
     */
    public Request newRequest(URI uri, boolean trusted) {
        guard.check(uri, trusted);
        return client.newRequest(uri).tag(trusted ? Trust.TRUSTED : Trust.GUARDED);
    }

    /** The guard's refusal inside a failed request's causes, if that is why it failed. */
    public static ApiException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    private void resolve(String host, int port, Map<String, Object> context,
                         Promise<List<InetSocketAddress>> promise) {
        boolean trusted = context.get(Destination.CONTEXT_KEY) instanceof Destination destination
                && destination.getOrigin().getTag() == Trust.TRUSTED;
        // DNS blocks, and Jetty may call this from a thread that must not: resolve on a thread of our own.
        client.getExecutor().execute(() -> {
            try {
                List<InetAddress> allowed = guard.addresses(host, trusted);
                promise.succeeded(allowed.stream().map(address -> new InetSocketAddress(address, port)).toList());
            } catch (Throwable e) {
                promise.failed(e);
            }
        });
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client " + client.getName() + " did not stop cleanly", e);
        }
    }
}
