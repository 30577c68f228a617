package io.wagate.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server for webhook tests (the JDK's), on 127.0.0.1: it records every request and answers as the
 * test tells it to, including not at all ({@link Reply#hang()}) until it is closed. Each request is handled on
 * its own virtual thread, so one that hangs does not hold up the others.
 */
public final class Receiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived; header names lower-case. {@code answered}: the status sent, 0 while none. */
    public record Request(String path, Map<String, List<String>> headers, byte[] body, long receivedAtMillis,
                          java.util.concurrent.atomic.AtomicInteger answeredWith) {
        public int answered() {
            return answeredWith.get();
        }

        public String header(String name) {
            var values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the webhook body is not JSON: " + new String(body), e);
            }
        }

        public String event() {
            return json().path("event").asText();
        }

        public String eventId() {
            return json().path("id").asText();
        }
    }

    /** How to answer: a status with headers, after a pause (a pause of null: never, until the receiver closes). */
    public record Reply(int status, Map<String, String> headers, Duration delay) {
        public static Reply ok() {
            return status(200);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), Duration.ZERO);
        }

        public static Reply hang() {
            return new Reply(200, Map.of(), null);
        }

        public Reply after(Duration pause) {
            return new Reply(status, headers, pause);
        }

        public Reply withHeader(String name, String value) {
            var more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, Map.copyOf(more), delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Request, Reply> behaviour = request -> Reply.ok();

    private Receiver(HttpServer server) {
        this.server = server;
    }

    /** On a free port of 127.0.0.1. */
    public static Receiver start() {
        return start(0);
    }

    /** On {@code port} of 127.0.0.1 (0: any free one). */
    public static Receiver start(int port) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            var receiver = new Receiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(receiver.executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to answer from now on; {@code behaviour} sees each request as it arrives. */
    public Receiver answer(Function<Request, Reply> newBehaviour) {
        this.behaviour = newBehaviour;
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Every request so far, in the order they arrived (hung ones too). */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The requests answered 2xx. */
    public List<Request> delivered() {
        return requests.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    /** Waits for a request that the test's condition accepts and returns the first such. */
    public Request awaitRequest(String what, java.util.function.Predicate<Request> condition) {
        return await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> requests.stream().filter(condition).findFirst().orElse(null), r -> r != null);
    }

    /** Waits until {@code count} requests the condition accepts have come in. */
    public List<Request> awaitRequests(String what, int count, java.util.function.Predicate<Request> condition) {
        return await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> requests.stream().filter(condition).toList(), list -> list.size() >= count);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = new java.util.HashMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            var arrived = new Request(exchange.getRequestURI().getPath(), Map.copyOf(headers), body,
                    System.currentTimeMillis(), new java.util.concurrent.atomic.AtomicInteger());
            requests.add(arrived);
            var reply = behaviour.apply(arrived);
            if (reply.delay() == null) {
                closing.await();
                return;
            }
            if (!reply.delay().isZero()) {
                if (closing.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), -1);
            arrived.answeredWith().set(reply.status());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
