package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of the bridge, three times, while A sends to B: both come back without relinking, every text
 * that got a 201 reaches B exactly once, and A's copy of each is delivered (none left PENDING).
 */
class EmulatorCrashTest {
    static final String A = "15550009101";
    static final String B = "15550009102";
    static final int KILLS = 3;
    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();

    static final Webhooks webhooks = new Webhooks();

    @AfterAll
    static void stopReceiver() {
        webhooks.close();
    }

    static long bridgePid(EmulatorWagate emu) {
        String detail = emu.api().get("/health").json().path("engines").path("baileys").path("detail").asText();
        var matcher = PID.matcher(detail);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** How often each text came to the session's {@code message} webhook. */
    static Map<String, Long> countsAt(Webhooks webhooks, String session) {
        return webhooks.events(session, "message").stream().collect(java.util.stream.Collectors.groupingBy(
                p -> p.path("body").asText(), java.util.stream.Collectors.counting()));
    }

    /** A's copies of the texts (body → ackName), as A's history has them. */
    static Map<String, String> acksAt(EmulatorWagate emu, String session, String chatId) {
        var out = new java.util.HashMap<String, String>();
        for (var message : emu.api().get("/v1/messages?session=" + session + "&chatId=" + chatId + "&limit=1000").json()) {
            out.put(message.path("body").asText(), message.path("ackName").asText());
        }
        return out;
    }

    @Test
    void aBridgeKilledThreeTimesDuringTrafficLosesNoTextThatGotA201AndReportsEachOnce() throws Exception {
        emu.linkByQr("cra", A, null);
        emu.linkByQr("crb", B, webhooks.config());
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(40), emu.server(), "cra", "crb");

        Map<String, String> created = new ConcurrentHashMap<>();
        List<String> createdInOrder = new CopyOnWriteArrayList<>();
        List<String> lastBeforeAKill = new CopyOnWriteArrayList<>();
        List<Integer> refused = new CopyOnWriteArrayList<>();
        var stop = new AtomicBoolean();
        var sender = Thread.ofVirtual().start(() -> {
            for (int n = 0; !stop.get(); n++) {
                String text = "crash-" + n;
                var sent = emu.api().post("/v1/sendText", Map.of("session", "cra", "chatId", B + "@c.us", "text", text));
                if (sent.status() == 201) {
                    created.put(text, sent.json().path("id").asText());
                    createdInOrder.add(text);
                } else {
                    refused.add(sent.status());
                }
            }
        });
        for (int kill = 0; kill < KILLS; kill++) {
            int before = created.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> created.size() >= before + 8);
            long killed = bridgePid(emu);
            assertThat(killed).isPositive();
            int sentBeforeKill = createdInOrder.size();
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            // The last few texts before a kill may lose their delivery receipt at A (README, Not yet: Baileys acks a
            // receipt before it reports it); everything else must reach DEVICE.
            lastBeforeAKill.addAll(createdInOrder.subList(Math.max(0, sentBeforeKill - 3), sentBeforeKill));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> bridgePid(emu) > 0 && bridgePid(emu) != killed);
            emu.awaitStatus("cra", "WORKING");
            emu.awaitStatus("crb", "WORKING");
        }
        int afterLast = created.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> created.size() >= afterLast + 8);
        stop.set(true);
        sender.join(Duration.ofSeconds(30));

        // No relinking: the same single device per phone logged in again with its stored credentials.
        assertThat(emu.control().get("/phones/" + A).json().path("devices")).hasSize(1);
        assertThat(emu.control().get("/phones/" + B).json().path("devices")).hasSize(1);
        var texts = java.util.Set.copyOf(created.keySet());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(countsAt(webhooks, "crb")).as("texts at B's webhook (of %d that got a 201)",
                        texts.size()).containsAllEntriesOf(texts.stream().collect(java.util.stream.Collectors.toMap(t -> t, t -> 1L))));
        // ... and once only, B's history too; A's copies delivered (B's receipt reached A, whatever died meanwhile).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    var acks = acksAt(emu, "cra", B + "@c.us");
                    assertThat(texts).as("A's copies: DEVICE (SERVER allowed only for the last 3 texts before a kill, %s;"
                            + " acks %s)", lastBeforeAKill, acks).allMatch(t -> "DEVICE".equals(acks.get(t))
                            || lastBeforeAKill.contains(t) && "SERVER".equals(acks.get(t)));
                });
        var atB = emu.api().get("/v1/messages?session=crb&chatId=" + A + "@c.us&limit=1000").json();
        var historyAtB = new java.util.ArrayList<String>();
        atB.forEach(m -> historyAtB.add(m.path("body").asText()));
        assertThat(historyAtB).as("B's history").containsAll(texts).doesNotHaveDuplicates();
        assertThat(countsAt(webhooks, "crb").values()).as("reports per text at B").allMatch(n -> n == 1);
        // While the bridge restarts: 503, or 409 until the session is WORKING again; nothing else.
        assertThat(refused).as("statuses of the sends refused meanwhile").allMatch(s -> s == 503 || s == 409);
    }
}
