package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagate.config.Config.BaileysConfig;
import io.wagate.http.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench/bridge's measuring program (compiled by bench/bridge into this package, since the bridge's
 * process and RPC classes are package-private): round trips of the bridge's no-op RPC, Java → bridge →
 * Java, through the same {@link BridgeProcess} and {@link BridgeRpc} the engine uses, one caller at a
 * time and with several callers at once; the bridge's RSS with no session (fresh, and after those
 * round trips) and with N opened (unlinked) sessions whose Baileys sockets point at a closed local port.
 *
 * <p>Usage: java ... io.wagate.engine.baileys.BridgeBench OUT.json SECONDS CONCURRENCIES(1,8,32) SESSIONS SETTLE_S
 */
public final class BridgeBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int[] concurrencies = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int sessions = Integer.parseInt(args[3]);
        int settle = Integer.parseInt(args[4]);
        ObjectMapper mapper = Json.mapper();
        var config = BaileysConfig.defaults().withWsUrl("ws://127.0.0.1:" + closedPort())
                .withTimings(TIMEOUT, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(60));
        Path mediaDir = Files.createTempDirectory("wagate-bench-bridge");
        var auth = new ConcurrentHashMap<String, String>();
        var credsSaved = new AtomicInteger();
        BridgeProcess bridge = BridgeProcess.start("bench", config, mediaDir, mapper,
                (method, params) -> answerAuth(method, params, auth, credsSaved), (method, params) -> { },
                new SessionWrites(Thread::startVirtualThread), () -> { });
        var result = mapper.createObjectNode();
        try {
            bridge.call("ping", Map.of(), TIMEOUT);
            log("idle with no session: settling " + settle + " s");
            result.set("rss_no_sessions", rss(bridge, settle, mapper));
            log("warm-up: 5 s of no-op round trips");
            run(bridge, 8, 5);
            var runs = result.putArray("round_trips");
            for (int concurrency : concurrencies) {
                log(concurrency + " caller(s) for " + seconds + " s");
                runs.add(run(bridge, concurrency, seconds).toJson(mapper, concurrency, seconds));
            }
            result.set("rss_no_sessions_after_round_trips", rss(bridge, settle, mapper));
            log("opening " + sessions + " sessions against a closed port");
            long openStart = System.nanoTime();
            for (int i = 0; i < sessions; i++) {
                var params = new LinkedHashMap<String, Object>();
                params.put("session", "ses_bench" + i);
                params.put("name", "bench" + i);
                params.put("config", Map.of("backoff", Map.of("minMs", 1000, "maxMs", 60000)));
                bridge.call("session.open", params, TIMEOUT);
            }
            result.put("open_sessions_s", round((System.nanoTime() - openStart) / 1e9, 2));
            result.put("sessions", sessions);
            result.put("creds_saved", credsSaved.get());
            result.set("rss_with_sessions", rss(bridge, settle, mapper));
        } finally {
            bridge.shutdown(Duration.ofSeconds(20));
        }
        Files.writeString(out, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** The bridge's auth requests, answered from memory (a fresh session saves new credentials). */
    private static Object answerAuth(String method, JsonNode params, Map<String, String> auth, AtomicInteger saved) {
        String session = params.path("session").asText();
        return switch (method) {
            case "auth.creds.load" -> {
                var answer = new LinkedHashMap<String, Object>();
                answer.put("value", auth.get(session + ":creds"));
                yield answer;
            }
            case "auth.creds.save" -> {
                auth.put(session + ":creds", params.path("value").asText());
                saved.incrementAndGet();
                yield null;
            }
            case "auth.keys.get" -> Map.of("values", Map.of());
            default -> null;
        };
    }

    record Run(long calls, double seconds, long[] nanos, long errors) {
        ObjectNode toJson(ObjectMapper mapper, int concurrency, int planned) {
            Arrays.sort(nanos);
            var node = mapper.createObjectNode().put("concurrency", concurrency).put("seconds", planned)
                    .put("calls", calls).put("errors", errors).put("per_s", Math.round(calls / seconds));
            var latency = node.putObject("latency_ms");
            for (var p : List.of(50.0, 90.0, 99.0, 99.9)) {
                latency.put("p" + (p == 99.9 ? "999" : String.valueOf(p.intValue())), ms(percentile(nanos, p)));
            }
            latency.put("max", ms(nanos.length == 0 ? 0 : nanos[nanos.length - 1]));
            return node;
        }
    }

    /** {@code concurrency} virtual threads, each calling noop in a loop for {@code seconds}. */
    private static Run run(BridgeProcess bridge, int concurrency, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        var perThread = new ArrayList<long[]>();
        var counts = new long[concurrency];
        var errors = new AtomicInteger();
        var threads = new ArrayList<Thread>();
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            long[] samples = new long[4_000_000 / concurrency];
            perThread.add(samples);
            int index = t;
            threads.add(Thread.ofVirtual().start(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    try {
                        bridge.call("noop", Map.of(), TIMEOUT);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n < samples.length) {
                        samples[n] = System.nanoTime() - before;
                    }
                    n++;
                }
                counts[index] = n;
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        int kept = 0;
        for (int t = 0; t < concurrency; t++) {
            kept += (int) Math.min(counts[t], perThread.get(t).length);
        }
        long[] all = new long[kept];
        int at = 0;
        for (int t = 0; t < concurrency; t++) {
            int n = (int) Math.min(counts[t], perThread.get(t).length);
            System.arraycopy(perThread.get(t), 0, all, at, n);
            at += n;
        }
        return new Run(total, elapsed, all, errors.get());
    }

    /** VmRSS of the bridge after {@code settle} seconds, and what its own ping reports. */
    private static ObjectNode rss(BridgeProcess bridge, int settle, ObjectMapper mapper) throws Exception {
        Thread.sleep(Duration.ofSeconds(settle));
        var node = mapper.createObjectNode().put("settle_s", settle);
        for (String line : Files.readAllLines(Path.of("/proc/" + bridge.pid() + "/status"))) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                String[] parts = line.split("\\s+");
                node.put(parts[0].replace(":", "").toLowerCase() + "_mb", round(Long.parseLong(parts[1]) / 1024.0, 1));
            }
        }
        var ping = bridge.call("ping", Map.of(), TIMEOUT);
        node.put("ping_rss_mb", round(ping.path("rss").asLong() / 1048576.0, 1)).put("sessions", ping.path("sessions").asInt());
        return node;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6, 3);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void log(String message) {
        System.out.println("bench/bridge: " + message);
        System.out.flush();
    }
}
