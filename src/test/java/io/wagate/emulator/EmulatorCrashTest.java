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

    /** The texts not at B's webhook that B did not refuse as decrypted already (nack 487) either. */
    private static java.util.SortedSet<String> missingAtB(Map<String, String> created) {
        var nacks = emu.control().get("/stats").json().path("nacks");
        var missing = new java.util.TreeSet<>(created.keySet());
        missing.removeAll(textsAtB());
        missing.removeIf(text -> nacks.path(created.get(text)).asInt() == 487);
        return missing;
    }

    @Test
    void aKilledBridgeComesBackWithItsSessionsAndEverySendThatGotA201ReachesB() throws Exception {
        emu.linkByQr("cra", A, null);
        emu.linkByQr("crb", B, webhooks.config());
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(40), emu.server(), "cra", "crb");
        long killed = bridgePid();
        assertThat(killed).isPositive();

        // Text → the WhatsApp message id of each send that got its 201.
        Map<String, String> created = new ConcurrentHashMap<>();
        List<Integer> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        var stop = new AtomicBoolean();
        var sender = Thread.ofVirtual().start(() -> {
            for (int n = 0; !stop.get(); n++) {
                String text = "crash-" + n;
                var sent = emu.api().post("/v1/sendText", Map.of("session", "cra", "chatId", B + "@c.us", "text", text));
                if (sent.status() == 201) {
                    String id = sent.json().path("id").asText();
                    created.put(text, id.substring(id.lastIndexOf('_') + 1));
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
        // Every text that got a 201 reaches B, except one B's dead bridge had decrypted (its ratchet and pre-key
        // state stored) but not reported yet: delivered again, it cannot be decrypted twice, and Baileys refuses
        // it ("Key used already or never filled", nack 487) without asking for a retry (README "Not yet").
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> missingAtB(created).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var missing = missingAtB(created);
            var atA = new java.util.ArrayList<String>();
            for (var message : emu.api().get("/v1/messages?session=cra&chatId=" + B + "@c.us&limit=1000").json()) {
                if (missing.contains(message.path("body").asText())) {
                    atA.add(message.path("body").asText() + " " + message.path("id").asText() + " " + message.path("ackName").asText());
                }
            }
            throw new AssertionError(missing.size() + " of " + created.size() + " texts that got a 201 missing at B: "
                    + missing + "; at A: " + atA + "; B's message.waiting: " + webhooks.events("crb", "message.waiting"), e);
        }
        // While the bridge restarts: 503, or 409 until the session is WORKING again; nothing else.
        assertThat(refused).as("statuses of the sends refused meanwhile").allMatch(s -> s == 503 || s == 409);
    }
}
