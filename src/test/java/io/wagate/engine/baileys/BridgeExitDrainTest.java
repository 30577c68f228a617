package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineSessionContext;
import io.wagate.engine.EngineSettings;
import io.wagate.engine.LinkPreviews;
import io.wagate.http.Json;
import io.wagate.support.MemoryAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge killed right after writing its last events (a message it received, say): wagate reads its output to the
 * end and handles every one of them before it restarts the bridge. A stand-in bridge writes a burst of events as
 * one write, then kills itself (SIGKILL), once. (The burst fits in the pipe: what Node itself still buffered
 * dies with it, and with it every later line, the bridge's drop of its copy of a message included.)
 */
class BridgeExitDrainTest {
    static final int BURST = 400;

    @TempDir
    Path dir;

    private static final String DYING_BRIDGE = """
            import { existsSync, writeFileSync } from 'node:fs'
            import { createInterface } from 'node:readline'
            const done = new URL('../burst-done', import.meta.url)
            const send = object => process.stdout.write(JSON.stringify(object) + '\\n')
            createInterface({ input: process.stdin }).on('line', line => {
              const request = JSON.parse(line)
              if (request.id === undefined) return
              send({ jsonrpc: '2.0', id: request.id, result: { status: 'STARTING', pong: true, sessions: 1 } })
              if (request.method !== 'session.open' || existsSync(done)) return
              writeFileSync(done, '1')
              let burst = ''
              for (let i = 0; i < %d; i++) {
                burst += JSON.stringify({ jsonrpc: '2.0', method: 'event', params: { session: request.params.session,
                  event: { type: 'raw', name: 'burst', data: { i } } } }) + '\\n'
              }
              process.stdout.write(burst)
              process.kill(process.pid, 'SIGKILL')
            })
            """.formatted(BURST);

    @Test
    void everyEventABridgeWroteBeforeItWasKilledIsHandled() throws IOException {
        Path bridge = dir.resolve("bridge");
        Files.createDirectories(bridge.resolve("src"));
        Files.createDirectories(bridge.resolve("node_modules/baileys"));
        Files.writeString(bridge.resolve("package.json"), "{\"type\": \"module\"}");
        Files.writeString(bridge.resolve("src/main.js"), DYING_BRIDGE);
        var config = BaileysBridgeTest.unreachable().withNode(bridge, "node");
        var engine = new BaileysEngine(config, dir.resolve("media"), Json.mapper(), LinkPreviews.NONE, EngineSettings.NONE);
        try {
            List<EngineEvent> events = new CopyOnWriteArrayList<>();
            var session = engine.open(new EngineSessionContext("ses_drain", "drain", new MemoryAuth(), events::add));
            try {
                session.start();
            } catch (RuntimeException dying) {
                // The answer may be overtaken by the bridge's death: the burst is what counts.
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(bridge.resolve("burst-done"))
                    .as("the session's events: %s", events).exists());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> burst(events).size() == BURST);
            assertThat(burst(events)).as("the burst, in order").isSorted().doesNotHaveDuplicates();
        } finally {
            engine.close();
        }
    }

    private static List<Integer> burst(List<EngineEvent> events) {
        return events.stream().filter(e -> e instanceof EngineEvent.Raw raw && raw.type().equals("burst"))
                .map(e -> ((Number) ((EngineEvent.Raw) e).data().get("i")).intValue()).toList();
    }
}
