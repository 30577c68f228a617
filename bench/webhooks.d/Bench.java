import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The two outside parts of bench/webhooks, as a single-file program (java bench/webhooks.d/Bench.java ...):
 *
 *   receive PORT
 *       a webhook receiver on 127.0.0.1:PORT (the JDK's HTTP server, a virtual thread per request) that answers
 *       every POST 200 at once and records, per delivery, when it arrived and its event-to-delivery latency (arrival
 *       minus the envelope's "timestamp", the moment wagate made the event; same machine, same clock). GET /stats
 *       answers {"count","unique","first","last","window","p50","p90","p99","p999","max"} (ms) over the deliveries
 *       since the last POST /reset; "window" counts those that arrived between ?from= and &to= (epoch ms).
 *
 *   drive BASE_URL KEY FROM CHATS (--rate R | --concurrency C) SECONDS
 *       posts /v1/sendText from session FROM to the CHATS (comma-separated numbers) in turn, either open-loop at R
 *       sends/s (each send starts on its schedule whether or not earlier ones are answered) or closed-loop with C
 *       senders as fast as wagate answers, for SECONDS; prints {"sends","non201","errors","seconds","start","end",
 *       "p50","p99"} (start and end in epoch ms; the end is when the last send was answered).
 */
public class Bench {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "receive" -> receive(Integer.parseInt(args[1]));
            case "drive" -> drive(args);
            default -> throw new IllegalArgumentException("receive | drive");
        }
    }

    // --- receiver

    private static final int CAPACITY = 4_000_000;
    private static final long[] arrivals = new long[CAPACITY];
    private static final int[] latencies = new int[CAPACITY];
    private static final AtomicInteger recorded = new AtomicInteger();
    private static final Set<String> ids = new HashSet<>();

    static void receive(int port) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                if (path.equals("/stats")) {
                    byte[] answer = stats(exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                    return;
                }
                if (path.equals("/reset")) {
                    synchronized (ids) {
                        recorded.set(0);
                        ids.clear();
                    }
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
                long now = System.currentTimeMillis();
                String text = new String(body, StandardCharsets.UTF_8);
                String id = field(text, "\"id\":\"", '"');
                long timestamp = Long.parseLong(field(text, "\"timestamp\":", ','));
                synchronized (ids) {
                    int i = recorded.getAndIncrement();
                    if (i < CAPACITY) {
                        arrivals[i] = now;
                        latencies[i] = (int) (now - timestamp);
                    }
                    ids.add(id);
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    private static String field(String text, String prefix, char end) {
        int start = text.indexOf(prefix) + prefix.length();
        return text.substring(start, text.indexOf(end, start));
    }

    /** With {@code from=MS&to=MS}: also how many arrived in that window ("window"). */
    private static String stats(String query) {
        long[] at;
        int[] lat;
        int unique;
        synchronized (ids) {
            int n = Math.min(recorded.get(), CAPACITY);
            at = Arrays.copyOf(arrivals, n);
            lat = Arrays.copyOf(latencies, n);
            unique = ids.size();
        }
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=");
                if (kv[0].equals("from")) {
                    from = Long.parseLong(kv[1]);
                } else if (kv[0].equals("to")) {
                    to = Long.parseLong(kv[1]);
                }
            }
        }
        long lo = from;
        long hi = to;
        long window = Arrays.stream(at).filter(t -> t >= lo && t < hi).count();
        Arrays.sort(lat);
        long first = Arrays.stream(at).min().orElse(0);
        long last = Arrays.stream(at).max().orElse(0);
        return String.format(Locale.ROOT, "{\"count\":%d,\"unique\":%d,\"first\":%d,\"last\":%d,\"window\":%d,"
                        + "\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d,\"max\":%d}", lat.length, unique, first, last,
                window, pct(lat, 0.50), pct(lat, 0.90), pct(lat, 0.99), pct(lat, 0.999),
                lat.length == 0 ? 0 : lat[lat.length - 1]);
    }

    private static int pct(int[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    // --- driver

    static void drive(String[] args) throws Exception {
        String base = args[1];
        String key = args[2];
        String from = args[3];
        String[] chats = args[4].split(",");
        boolean open = args[5].equals("--rate");
        int amount = Integer.parseInt(args[6]);
        long seconds = Long.parseLong(args[7]);
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var sends = new AtomicLong();
        var non201 = new AtomicLong();
        var errors = new AtomicLong();
        var took = new ArrayList<Long>();
        var counter = new AtomicLong();
        long startedAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        Runnable one = () -> {
            long n = counter.getAndIncrement();
            String body = "{\"session\":\"" + from + "\",\"chatId\":\"" + chats[(int) (n % chats.length)]
                    + "\",\"text\":\"bench/webhooks message " + n + "\"}";
            var request = HttpRequest.newBuilder(URI.create(base + "/v1/sendText")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("X-API-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long started = System.nanoTime();
            try {
                var response = client.send(request, HttpResponse.BodyHandlers.discarding());
                sends.incrementAndGet();
                if (response.statusCode() != 201) {
                    non201.incrementAndGet();
                }
            } catch (IOException | InterruptedException e) {
                errors.incrementAndGet();
            }
            synchronized (took) {
                took.add(System.nanoTime() - started);
            }
        };
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            if (open) {
                long interval = 1_000_000_000L / amount;
                for (long next = t0; next < end; next += interval) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    executor.submit(one);
                }
            } else {
                for (int i = 0; i < amount; i++) {
                    executor.submit(() -> {
                        while (System.nanoTime() < end) {
                            one.run();
                        }
                    });
                }
            }
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long[] sorted = took.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "{\"sends\":%d,\"non201\":%d,\"errors\":%d,\"seconds\":%.3f,\"start\":%d,"
                        + "\"end\":%d,\"p50\":%.2f,\"p99\":%.2f}%n", sends.get(), non201.get(), errors.get(), elapsed,
                startedAt, startedAt + Math.round(elapsed * 1000),
                sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6,
                sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6);
    }
}
