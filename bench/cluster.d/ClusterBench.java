import io.wagate.support.Api;
import io.wagate.support.ServerProcess;
import io.wagate.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/cluster: real wagate processes on the tests' embedded PostgreSQL (see bench/README.md).
 * 1. takeover: 3 nodes, N sandbox sessions; kill -9 the node holding most, time until every one of its
 *    sessions answers a command from another node; the node is started again (it takes no sessions back).
 * 2. forwarding: sendText latency through the session's node and through another node (p50, p99).
 * 3. throughput: sendText from C clients for D seconds at 3 nodes (round robin, any session), then at a
 *    cluster of 1 node.
 * Prints one JSON object on the last line.
 */
public class ClusterBench {
    static final String SECRET = "bench-cluster-secret-0123456789";
    static final String SILENT = "15550000002@c.us";

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(arg(args, "--runs", "5"));
        int sessions = Integer.parseInt(arg(args, "--sessions", "100"));
        int samples = Integer.parseInt(arg(args, "--samples", "500"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "10"));
        int clients = Integer.parseInt(arg(args, "--clients", "16"));
        Path temp = Files.createTempDirectory("bench-cluster");
        var result = new LinkedHashMap<String, Object>();
        try (var pg = TestPostgres.createDatabase()) {
            var nodes = new LinkedHashMap<String, ServerProcess>();
            for (String name : List.of("n1", "n2", "n3")) {
                nodes.put(name, start(temp, pg.jdbcUrl(), name));
            }
            try {
                var n1 = nodes.get("n1").api();
                for (int i = 0; i < sessions; i++) {
                    check(n1.post("/v1/sessions", Map.of("name", "s" + i, "engine", "sandbox")), 201);
                }
                var names = new ArrayList<String>();
                for (int i = 0; i < sessions; i++) {
                    names.add("s" + i);
                }
                until(Duration.ofMinutes(3), () -> names.stream().allMatch(s -> owner(n1, s) != null));

                var takeovers = new ArrayList<Long>();
                var moved = new ArrayList<Integer>();
                for (int run = 0; run < runs; run++) {
                    var owners = owners(nodes.get(pickSurvivor(nodes, null)).api(), names);
                    String victim = owners.entrySet().stream().collect(java.util.stream.Collectors.groupingBy(
                            Map.Entry::getValue, java.util.stream.Collectors.counting())).entrySet().stream()
                            .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                    var lost = owners.entrySet().stream().filter(e -> e.getValue().equals(victim)).map(Map.Entry::getKey).toList();
                    var via = nodes.get(pickSurvivor(nodes, victim)).api();
                    long at = System.nanoTime();
                    nodes.get(victim).killHard();
                    until(Duration.ofMinutes(2), () -> lost.stream().allMatch(s -> {
                        String o = owner(via, s);
                        return o != null && !o.equals(victim);
                    }));
                    takeovers.add((System.nanoTime() - at) / 1_000_000);
                    moved.add(lost.size());
                    System.err.printf("bench/cluster: run %d: %d sessions of %s moved in %d ms%n", run + 1, lost.size(),
                            victim, takeovers.getLast());
                    nodes.put(victim, start(temp, pg.jdbcUrl(), victim));
                }
                var sorted = new ArrayList<>(takeovers);
                Collections.sort(sorted);
                result.put("takeover_ms_median", sorted.get(sorted.size() / 2));
                result.put("takeover_ms_max", sorted.getLast());
                result.put("takeover_ms_runs", takeovers);
                result.put("takeover_sessions_moved", moved);

                // Forwarding overhead: one session, through its node and through another (node 1 may be a new
                // process by now, on another port).
                var owners = owners(nodes.get("n1").api(), names);
                String session = names.getFirst();
                String home = owners.get(session);
                String other = nodes.keySet().stream().filter(n -> !n.equals(home)).findFirst().orElseThrow();
                result.put("send_owner_ms", percentiles(latencies(nodes.get(home).api(), session, samples)));
                result.put("send_forwarded_ms", percentiles(latencies(nodes.get(other).api(), session, samples)));

                result.put("throughput_3_nodes_per_s", throughput(nodes.values().stream().map(ServerProcess::api).toList(),
                        names, clients, seconds));
            } finally {
                for (var node : nodes.values()) {
                    node.close();
                }
            }
        }
        try (var pg = TestPostgres.createDatabase(); var solo = start(temp, pg.jdbcUrl(), "solo")) {
            var api = solo.api();
            var names = new ArrayList<String>();
            for (int i = 0; i < Math.min(sessions, 30); i++) {
                check(api.post("/v1/sessions", Map.of("name", "t" + i, "engine", "sandbox")), 201);
                names.add("t" + i);
            }
            until(Duration.ofMinutes(2), () -> names.stream().allMatch(s -> owner(api, s) != null));
            result.put("throughput_1_node_per_s", throughput(List.of(api), names, clients, seconds));
        }
        System.out.println(json(result));
    }

    static String pickSurvivor(Map<String, ServerProcess> nodes, String not) {
        return nodes.entrySet().stream().filter(e -> !e.getKey().equals(not) && e.getValue().isAlive())
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    static Map<String, String> owners(Api api, List<String> names) {
        var owners = new HashMap<String, String>();
        for (String s : names) {
            owners.put(s, owner(api, s));
        }
        return owners;
    }

    /** The node whose engine side answered a command for the session, or null. */
    static String owner(Api api, String session) {
        try {
            var answer = api.get("/v1/contacts/check-exists?session=" + session + "&phone=15550009999");
            return answer.status() == 200 ? answer.header("X-Wagate-Node") : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static List<Double> latencies(Api api, String session, int samples) {
        var out = new ArrayList<Double>();
        for (int i = 0; i < samples + 50; i++) {
            long at = System.nanoTime();
            check(api.post("/v1/sendText", Map.of("session", session, "chatId", SILENT, "text", "bench " + i)), 201);
            if (i >= 50) { // warm-up left out
                out.add((System.nanoTime() - at) / 1e6);
            }
        }
        return out;
    }

    static Map<String, Double> percentiles(List<Double> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return Map.of("p50", sorted.get(sorted.size() / 2), "p99", sorted.get((int) (sorted.size() * 0.99)));
    }

    static double throughput(List<Api> apis, List<String> names, int clients, int seconds) throws Exception {
        var done = new AtomicLong();
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int offset = c;
                pool.submit(() -> {
                    for (int i = offset; System.nanoTime() < until; i++) {
                        var answer = apis.get(i % apis.size()).post("/v1/sendText", Map.of("session",
                                names.get(i % names.size()), "chatId", SILENT, "text", "load"));
                        if (answer.status() == 201) {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return done.get() / (double) seconds;
    }

    static ServerProcess start(Path temp, String url, String name) throws Exception {
        return ServerProcess.start(Files.createDirectories(temp.resolve(name + "-" + System.nanoTime())), Map.of(
                "WAGATE_DATABASE_URL", url, "WAGATE_CLUSTER_NODE_NAME", name, "WAGATE_CLUSTER_SECRET", SECRET));
    }

    static void check(Api.Response answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + answer);
        }
    }

    static void until(Duration atMost, java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("not within " + atMost);
            }
            Thread.sleep(250);
        }
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
