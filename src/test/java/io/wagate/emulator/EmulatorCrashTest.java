package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code kill -9} of the bridge while A sends to B: both come back without relinking, and every 201 arrives. */
class EmulatorCrashTest {
    static final String A = "15550009101";
    static final String B = "15550009102";
    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();

    static final Webhooks webhooks = new Webhooks();

    @AfterAll
    static void stopReceiver() {
        webhooks.close();
    }

    private static long bridgePid() {
        String detail = emu.api().get("/health").json().path("engines").path("baileys").path("detail").asText();
        var matcher = PID.matcher(detail);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static Set<String> textsAtB() {
        return webhooks.events("crb", "message").stream().map(p -> p.path("body").asText()).collect(Collectors.toSet());
    }

    @Test
    void aKilledBridgeComesBackWithItsSessionsAndEverySendThatGotA201ReachesB() throws Exception {
        emu.linkByQr("cra", A, null);
        emu.linkByQr("crb", B, webhooks.config());
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(40), emu.server(), "cra", "crb");
        long killed = bridgePid();
        assertThat(killed).isPositive();

        Set<String> created = ConcurrentHashMap.newKeySet();
        List<Integer> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        var stop = new AtomicBoolean();
        var sender = Thread.ofVirtual().start(() -> {
            for (int n = 0; !stop.get(); n++) {
                String text = "crash-" + n;
                var sent = emu.api().post("/v1/sendText", Map.of("session", "cra", "chatId", B + "@c.us", "text", text));
                if (sent.status() == 201) {
                    created.add(text);
                } else {
                    refused.add(sent.status());
                }
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> created.size() >= 10);
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> bridgePid() > 0 && bridgePid() != killed);
        emu.awaitStatus("cra", "WORKING");
        emu.awaitStatus("crb", "WORKING");
        int afterRestart = created.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> created.size() >= afterRestart + 10);
        stop.set(true);
        sender.join(Duration.ofSeconds(30));

        // No relinking: the same single device per phone logged in again with its stored credentials.
        assertThat(emu.control().get("/phones/" + A).json().path("devices")).hasSize(1);
        assertThat(emu.control().get("/phones/" + B).json().path("devices")).hasSize(1);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> textsAtB().containsAll(created));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var missing = new java.util.TreeSet<>(created);
            missing.removeAll(textsAtB());
            throw new AssertionError(missing.size() + " of " + created.size() + " texts that got a 201 missing at B: "
                    + missing + "; B's other events: " + webhooks.events("crb", "message.waiting"), e);
        }
        // While the bridge restarts: 503, or 409 until the session is WORKING again; nothing else.
        assertThat(refused).as("statuses of the sends refused meanwhile").allMatch(s -> s == 503 || s == 409);
    }
}
