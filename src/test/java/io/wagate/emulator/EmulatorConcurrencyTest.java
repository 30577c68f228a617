package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many texts sent at once from A to B through wagate and the emulator: every one arrives, every copy is delivered. */
class EmulatorConcurrencyTest {
    @RegisterExtension
    static final LinkedPair pair = new LinkedPair("cca", "15550007701", "ccb", "15550007702");
    static final LinkedPair.Side A = pair.a;
    static final LinkedPair.Side B = pair.b;
    static final int TEXTS = 50;

    @Test
    void fiftyConcurrentTextsFromAAllReachBAndEveryCopyOfAReachesDevice() throws Exception {
        List<String> ids = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> sends = IntStream.range(0, TEXTS).mapToObj(n -> pool.submit(() ->
                    pair.send(A, "/v1/sendText", Map.of("chatId", B.chatId(), "text", "concurrent-" + n)).path("id").asText()))
                    .toList();
            for (var send : sends) {
                ids.add(send.get());
            }
        }
        var wanted = IntStream.range(0, TEXTS).mapToObj(n -> "concurrent-" + n).collect(Collectors.toSet());
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> texts().containsAll(wanted));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var missing = new java.util.TreeSet<>(wanted);
            missing.removeAll(texts());
            throw new AssertionError(missing.size() + " of " + TEXTS + " texts missing at B: " + missing
                    + "; emulator stats " + pair.control().get("/stats").json(), e);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(delivered()).containsAll(ids));
    }

    private static Set<String> texts() {
        return pair.events(B, "message").stream().map(p -> p.path("body").asText()).collect(Collectors.toSet());
    }

    private static Set<String> delivered() {
        return pair.events(A, "message.ack").stream().filter(p -> p.path("ackName").asText().equals("DEVICE"))
                .map(p -> p.path("id").asText()).collect(Collectors.toSet());
    }
}
