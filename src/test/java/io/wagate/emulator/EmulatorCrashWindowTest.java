package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bridge killed exactly where a received message used to be lost, by the bridge's test-only
 * {@code WAGATE_BRIDGE_TEST_DIE} (bridge/src/inbox.js): after the recipient committed the message's key state but
 * before its receipt (WhatsApp delivers it again; its keys are used up), and after its receipt but before its
 * report (WhatsApp will not deliver it again). Each time the message reaches the recipient once, and the sender's
 * copy is delivered.
 */
class EmulatorCrashWindowTest {
    static final String A = "15550009201";
    static final String B = "15550009202";
    static final String AFTER_DECRYPT = "window-decrypted";
    static final String BEFORE_REPORT = "window-reporting";
    static final Path MARKER = tempMarker();

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate(b -> b.withNode(b.bridgeDir(), dyingNode()));

    static final Webhooks webhooks = new Webhooks();

    @AfterAll
    static void stopReceiver() {
        webhooks.close();
    }

    private static Path tempMarker() {
        try {
            Path dir = Files.createTempDirectory("wagate-die");
            dir.toFile().deleteOnExit();
            return dir.resolve("died");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code node} that starts the bridge with the test-only hook set: it dies once at each of the two texts. */
    private static String dyingNode() {
        try {
            Path node = Files.createTempFile("wagate-dying-node", ".sh");
            Files.writeString(node, "#!/bin/sh\nWAGATE_BRIDGE_TEST_DIE='decrypted:" + AFTER_DECRYPT + "\nreporting:"
                    + BEFORE_REPORT + "' WAGATE_BRIDGE_TEST_DIE_MARKER='" + MARKER + "' exec node \"$@\"\n");
            assertThat(node.toFile().setExecutable(true)).isTrue();
            node.toFile().deleteOnExit();
            return node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aBridgeKilledAfterDecryptingOrAfterTheReceiptStillReportsTheMessageOnce() {
        emu.linkByQr("cwa", A, null);
        emu.linkByQr("cwb", B, webhooks.config());
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(40), emu.server(), "cwa", "cwb");

        dieAt(AFTER_DECRYPT, 0);
        dieAt(BEFORE_REPORT, 1);

        // Nothing comes twice: a text sent after both arrives, and by then each window's text came once.
        var after = emu.api().post("/v1/sendText", Map.of("session", "cwa", "chatId", B + "@c.us", "text", "window-after"));
        assertThat(after.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> EmulatorCrashTest.countsAt(webhooks, "cwb")
                .getOrDefault("window-after", 0L) == 1L);
        assertThat(EmulatorCrashTest.countsAt(webhooks, "cwb"))
                .containsEntry(AFTER_DECRYPT, 1L).containsEntry(BEFORE_REPORT, 1L).containsEntry("window-after", 1L);
        var history = new java.util.ArrayList<String>();
        emu.api().get("/v1/messages?session=cwb&chatId=" + A + "@c.us&limit=100").json()
                .forEach(m -> history.add(m.path("body").asText()));
        assertThat(history).containsOnlyOnce(AFTER_DECRYPT, BEFORE_REPORT, "window-after");
    }

    /** Sends {@code text}: the bridge dies at it (marker {@code index}), comes back, and B gets the text; A's copy is delivered. */
    private static void dieAt(String text, int index) {
        long pid = EmulatorCrashTest.bridgePid(emu);
        assertThat(pid).isPositive();
        var sent = emu.api().post("/v1/sendText", Map.of("session", "cwa", "chatId", B + "@c.us", "text", text));
        // The bridge may die before WhatsApp's server ack reached A (a 201 with PENDING) or even before the answer.
        assertThat(sent.status()).as(sent.toString()).isIn(201, 503);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of(MARKER + "-" + index)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> EmulatorCrashTest.bridgePid(emu) > 0 && EmulatorCrashTest.bridgePid(emu) != pid);
        emu.awaitStatus("cwa", "WORKING");
        emu.awaitStatus("cwb", "WORKING");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> EmulatorCrashTest.countsAt(webhooks, "cwb").getOrDefault(text, 0L) >= 1L);
        if (sent.status() == 201) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "DEVICE".equals(EmulatorCrashTest.acksAt(emu, "cwa", B + "@c.us").get(text)));
        }
    }
}
