package io.wagate.cluster;

import io.javalin.http.Context;
import io.wagate.account.Principal;
import io.wagate.error.ApiException;
import io.wagate.http.Forwarding;
import io.wagate.http.JsonBody;
import io.wagate.http.RequestSession;
import io.wagate.media.TempFiles;
import io.wagate.session.SessionDirectory;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests for a session another node runs go there, one hop, and come back as that node answered:
 * bodies and answers stream through (a multipart upload, a file download) rather than being held here.
 * A request another node forwarded is served here as it is (never sent on), its key checked as on any
 * request, not counted against the plan again.
 */
public final class Forwarder implements Forwarding {
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
    /** Headers of one connection, or that the client sets itself; never passed on. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect", "http2-settings",
            "date", "server", ForwardSignature.BY.toLowerCase(Locale.ROOT), ForwardSignature.AT.toLowerCase(Locale.ROOT),
            ForwardSignature.SIGNATURE.toLowerCase(Locale.ROOT));
    public static final String NODE_HEADER = "X-Wagate-Node";
    private static final String ARRIVED = "wagate.forwarded-from";

    private final ClusterNode node;
    private final SessionDirectory directory;
    private final RequestSession sessionOf;
    private final ForwardSignature signature;
    private final Clock clock;
    private final HttpClient client;
    private final Duration answerWithin;
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public Forwarder(ClusterNode node, SessionDirectory directory, RequestSession sessionOf, Clock clock) {
        this.node = node;
        this.directory = directory;
        this.sessionOf = sessionOf;
        this.signature = new ForwardSignature(node.config().secret());
        this.clock = clock;
        // A node that has not begun to answer within a lease is as good as gone: its lease runs out too.
        this.answerWithin = node.config().lease();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean arrived(Context ctx) {
        String by = ctx.header(ForwardSignature.BY);
        String at = ctx.header(ForwardSignature.AT);
        String signed = ctx.header(ForwardSignature.SIGNATURE);
        if (by == null && at == null && signed == null) {
            return false;
        }
        if (by == null || at == null || signed == null
                || !signature.verify(by, at, ctx.method().name(), target(ctx), signed, clock.millis())) {
            log.warn("node {} refused a request claiming to be forwarded by node '{}' from {}: wrong cluster "
                    + "signature (another WAGATE_CLUSTER_SECRET, or an old or altered request)", node.name(),
                    by, ctx.ip());
            throw ApiException.unauthorized("forwarded request with a wrong cluster signature");
        }
        ctx.attribute(ARRIVED, by);
        return true;
    }

    @Override
    public void stamp(Context ctx) {
        ctx.header(NODE_HEADER, node.name());
    }

    @Override
    public boolean forwarded(Context ctx, Principal principal) {
        Optional<String> sessionId = principal.sessionId().or(() -> sessionOf.name(ctx)
                .flatMap(name -> directory.find(principal, name)).map(s -> s.id()));
        if (sessionId.isEmpty()) {
            return false;
        }
        var owner = node.ownerElsewhere(sessionId.get());
        if (owner.isEmpty()) {
            return false;
        }
        forward(ctx, owner.get());
        return true;
    }

    private void forward(Context ctx, SessionLeases.Owner owner) {
        String target = target(ctx);
        long at = clock.millis();
        var moved = new Progress();
        var request = HttpRequest.newBuilder(URI.create(owner.url().replaceAll("/+$", "") + target))
                .method(ctx.method().name(), body(ctx, moved))
                .header(ForwardSignature.BY, node.name())
                .header(ForwardSignature.AT, Long.toString(at))
                .header(ForwardSignature.SIGNATURE, signature.sign(node.name(), at, ctx.method().name(), target));
        for (String name : ctx.headerMap().keySet()) {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                var values = ctx.req().getHeaders(name);
                while (values.hasMoreElements()) {
                    request.header(name, values.nextElement());
                }
            }
        }
        HttpResponse<InputStream> answer;
        try {
            answer = await(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()), moved);
        } catch (IOException e) {
            failed.increment();
            log.info("node {} could not forward {} {} to node {} ({}): {}", node.name(), ctx.method(), ctx.path(),
                    owner.node(), owner.url(), e.toString());
            throw ApiException.unavailable("the node that runs this session (" + owner.node()
                    + ") did not answer; the session moves to another node if it is gone: try again shortly");
        } finally {
            JsonBody.heldFile(ctx).ifPresent(TempFiles::deleteQuietly);
        }
        forwarded.increment();
        ctx.status(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-length")) {
                ctx.res().setContentLengthLong(Long.parseLong(values.getFirst()));
            } else if (!HOP_BY_HOP.contains(lower) && !lower.startsWith(":")) {
                ctx.res().setHeader(name, values.getFirst());
                values.stream().skip(1).forEach(v -> ctx.res().addHeader(name, v));
            }
        });
        try (var in = answer.body(); var out = ctx.res().getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // The owner or the client went away mid-answer: nothing more can be said on this response.
            log.info("forwarded answer from node {} cut off: {}", owner.node(), e.toString());
        }
    }

    /**
     * The owner's answer, once it began. Given up (as an IOException) when nothing moved for a lease: no byte
     * of the body went out, or the body went out whole and no answer came; an upload's own length never counts.
     */
    private HttpResponse<InputStream> await(CompletableFuture<HttpResponse<InputStream>> answer, Progress moved)
            throws IOException {
        while (true) {
            try {
                return answer.get(250, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - moved.last > answerWithin.toNanos()) {
                    answer.cancel(true);
                    throw new HttpTimeoutException("no answer within " + answerWithin.toMillis() + " ms");
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                answer.cancel(true);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while forwarding", e);
            }
        }
    }

    /** When a byte of the body last went out (or the request began). */
    private static final class Progress {
        volatile long last = System.nanoTime();
    }

    /**
     * The body as the request holds it: read already (memory or disk), or still arriving (streamed on);
     * each read marks {@code moved}.
     */
    private static HttpRequest.BodyPublisher body(Context ctx, Progress moved) {
        var inMemory = JsonBody.heldBytes(ctx);
        var onDisk = JsonBody.heldFile(ctx);
        long length;
        Supplier<InputStream> source;
        if (inMemory.isPresent()) {
            length = inMemory.get().length;
            source = () -> new ByteArrayInputStream(inMemory.get());
        } else if (onDisk.isPresent()) {
            try {
                length = Files.size(onDisk.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            source = () -> {
                try {
                    return Files.newInputStream(onDisk.get());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        } else {
            length = ctx.req().getContentLengthLong();
            if (length <= 0 && ctx.header("Transfer-Encoding") == null) {
                return HttpRequest.BodyPublishers.noBody();
            }
            source = () -> {
                try {
                    return ctx.req().getInputStream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }
        var stream = HttpRequest.BodyPublishers.ofInputStream(() -> new FilterInputStream(source.get()) {
            @Override
            public int read() throws IOException {
                moved.last = System.nanoTime();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int read = super.read(b, off, len);
                moved.last = System.nanoTime();
                return read;
            }
        });
        return length >= 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    private static String target(Context ctx) {
        String query = ctx.req().getQueryString();
        return ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
    }

    /** Requests this node answered through another. */
    public long forwardedCount() {
        return forwarded.sum();
    }

    /** Requests this node could not forward (the owner did not answer). */
    public long failedCount() {
        return failed.sum();
    }
}
