package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wagate.config.Config.BaileysConfig;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import io.wagate.engine.EngineSettings;
import io.wagate.engine.LinkPreviews;
import io.wagate.engine.SessionStatus;
import io.wagate.http.Json;
import io.wagate.support.MemoryAuth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The real bridge with the real Baileys, pointed at a closed local port (no internet): start,
 * failure reporting, backoff, stop, restart, a killed bridge, auth state kept in the store.
 */
class BaileysBridgeTest {
    @TempDir
    Path dir;

    private final List<BaileysEngine> engines = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(BaileysEngine::close);
    }

    static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BaileysConfig unreachable() {
        return BaileysConfig.defaults().withWsUrl("ws://127.0.0.1:" + closedPort())
                .withWaVersion(Optional.empty(), URI.create("http://127.0.0.1:" + closedPort() + "/sw.js"))
                .withTimings(Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofMillis(100),
                        Duration.ofMillis(800));
    }

    private BaileysEngine engine(BaileysConfig config) {
        var engine = new BaileysEngine(config, dir.resolve("bridge-media"), Json.mapper(), LinkPreviews.NONE,
                EngineSettings.NONE);
        engines.add(engine);
        return engine;
    }

    /** A session's engine side with its events recorded and its auth state in memory. */
    record Opened(EngineSession session, List<EngineEvent> events, MemoryAuth auth) {
        List<SessionStatus> statuses() {
            return events.stream().filter(e -> e instanceof EngineEvent.StatusChanged)
                    .map(e -> ((EngineEvent.StatusChanged) e).status()).toList();
        }

        List<Map<String, Object>> reconnects() {
            return events.stream().filter(e -> e instanceof EngineEvent.Raw raw && raw.type().equals("session.reconnecting"))
                    .map(e -> ((EngineEvent.Raw) e).data()).toList();
        }
    }

    private Opened open(BaileysEngine engine, MemoryAuth auth) {
        var events = new CopyOnWriteArrayList<EngineEvent>();
        var session = engine.open(new EngineSessionContext("ses_test1", "default", auth, events::add));
        return new Opened(session, events, auth);
    }

    @Test
    void aConfiguredTrustRootReachesTheBridgeWhichLogsItAsATestSetting() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var bridgeLog = (Logger) LoggerFactory.getLogger("io.wagate.engine.baileys.bridge");
        bridgeLog.addAppender(appender);
        try {
            String key = "0123456789abcdef".repeat(4);
            open(engine(unreachable().withTrustRoot(key)), new MemoryAuth()).session().start();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(appender.list)
                    .anySatisfy(event -> assertThat(event.getFormattedMessage())
                            .contains("TEST SETTING: WAGATE_BAILEYS_TRUST_ROOT")));
        } finally {
            bridgeLog.detachAppender(appender);
        }
    }

    @Test
    void oneMissedPingDoesNotRestartABridgeButMissesInARowDo() throws Exception {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var supervisorLog = (Logger) LoggerFactory.getLogger(BridgeSupervisor.class);
        supervisorLog.addAppender(appender);
        try {
            // Pings of 1 s (each may take as long): a loaded test machine answers them in time.
            var engine = engine(unreachable().withTimings(Duration.ofSeconds(15), Duration.ofSeconds(1),
                    Duration.ofMillis(100), Duration.ofMillis(800)));
            open(engine, new MemoryAuth()).session().start();
            await().atMost(Duration.ofSeconds(20)).until(() -> !engine.bridgePids().isEmpty());
            long pid = engine.bridgePids().getFirst();

            signal(pid, "STOP");
            await().atMost(Duration.ofSeconds(10)).until(() -> logged(appender, "missed a ping (1 of 3"));
            signal(pid, "CONT");
            int seen = appender.list.size();
            // Answered again: the next pings pass and the count starts over, the process is the same one.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> engine.bridgePids().equals(List.of(pid)));
            assertThat(appender.list.subList(seen, appender.list.size()))
                    .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("restarting it"));

            signal(pid, "STOP");
            await().atMost(Duration.ofSeconds(30)).until(() -> logged(appender, "did not answer 3 pings in a row"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !engine.bridgePids().isEmpty()
                    && !engine.bridgePids().contains(pid));
        } finally {
            supervisorLog.detachAppender(appender);
        }
    }

    private static boolean logged(ListAppender<ILoggingEvent> appender, String text) {
        return appender.list.stream().anyMatch(e -> e.getFormattedMessage().contains(text));
    }

    /** Stops or continues the test's own bridge process (kill -STOP / -CONT by its pid). */
    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
    }

    @Test
    void startReportsStartingThenReconnectsWithGrowingDelaysAndStoresFreshCredentials() {
        var opened = open(engine(unreachable()), new MemoryAuth());
        opened.session().start();
        assertThat(opened.statuses()).first().isEqualTo(SessionStatus.STARTING);
        await().atMost(Duration.ofSeconds(20)).until(() -> opened.reconnects().size() >= 5);

        var reconnects = opened.reconnects();
        var delays = reconnects.stream().map(r -> ((Number) r.get("delayMs")).longValue()).toList();
        assertThat(reconnects.stream().map(r -> ((Number) r.get("attempt")).intValue()).limit(5))
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(delays.get(0)).isBetween(100L, 125L);
        assertThat(delays.get(1)).isBetween(200L, 250L);
        assertThat(delays.get(2)).isBetween(400L, 500L);
        assertThat(delays.subList(3, 5)).allSatisfy(d -> assertThat(d).isEqualTo(800L));
        assertThat(reconnects.get(0).get("reason").toString()).contains("ECONNREFUSED");
        assertThat(opened.statuses()).doesNotContain(SessionStatus.FAILED, SessionStatus.WORKING);
        assertThat(opened.auth().get(BaileysEngine.CREDS)).hasValueSatisfying(c -> assertThat(c).contains("noiseKey"));
    }

    @Test
    void stopEndsTheReconnectsAndAStartBeginsAgain() {
        var opened = open(engine(unreachable()), new MemoryAuth());
        opened.session().start();
        await().atMost(Duration.ofSeconds(20)).until(() -> opened.reconnects().size() >= 2);

        opened.session().stop();
        assertThat(opened.statuses()).last().isEqualTo(SessionStatus.STOPPED);
        int seen = opened.reconnects().size();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> opened.reconnects().size() == seen);

        opened.session().start();
        assertThat(opened.statuses()).last().isEqualTo(SessionStatus.STARTING);
        await().atMost(Duration.ofSeconds(20)).until(() -> opened.reconnects().size() > seen);
        assertThat(opened.reconnects().get(seen).get("attempt")).isEqualTo(1);
    }

    @Test
    void aKilledBridgeIsRestartedAndItsSessionReopened_commandsMeanwhileAreUnavailable() {
        var engine = engine(unreachable());
        var opened = open(engine, new MemoryAuth());
        opened.session().start();
        await().atMost(Duration.ofSeconds(20)).until(() -> opened.reconnects().size() >= 1);
        long pid = engine.bridgePids().getFirst();

        var bridge = ProcessHandle.of(pid).orElseThrow();
        bridge.destroyForcibly();
        bridge.onExit().join();
        assertThatThrownBy(() -> opened.session().requestPairingCode("15551234567"))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.reason()).isEqualTo(EngineException.Reason.UNAVAILABLE))
                .hasMessageContaining("retry");

        await().atMost(Duration.ofSeconds(20)).until(() -> !engine.bridgePids().isEmpty()
                && engine.bridgePids().getFirst() != pid);
        int before = opened.reconnects().size();
        await().atMost(Duration.ofSeconds(20)).until(() -> opened.reconnects().size() > before);
        assertThat(opened.reconnects().get(before).get("attempt")).isEqualTo(1);
        assertThat(opened.statuses().stream().filter(s -> s == SessionStatus.STARTING).count()).isGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> opened.session().requestPairingCode("15551234567"))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.reason()).isEqualTo(EngineException.Reason.NOT_READY));
    }

    @Test
    void aLineFromTheBridgeOverTheLimitIsLoggedAsAProtocolErrorAndTheBridgeRestarted() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var rpcLog = (Logger) LoggerFactory.getLogger(BridgeRpc.class);
        rpcLog.addAppender(appender);
        try {
            var engine = engine(unreachable());
            var opened = open(engine, new MemoryAuth());
            opened.session().start();
            await().atMost(Duration.ofSeconds(20)).until(() -> !engine.bridgePids().isEmpty());
            long pid = engine.bridgePids().getFirst();

            // The bridge's answer to a method it does not know names the method (rpc.js), with 22 bytes more
            // around it than the request has: a request just under the limit (which the bridge takes) is
            // answered with a line past it.
            String method = "m".repeat(BridgeRpc.MAX_LINE_BYTES - 60);
            assertThatThrownBy(() -> engine.supervisor().call("ses_test1", method, Map.of(), Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(EngineException.class,
                            e -> assertThat(e.reason()).isEqualTo(EngineException.Reason.UNAVAILABLE));
            assertThat(appender.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("a line of more than " + BridgeRpc.MAX_LINE_BYTES + " bytes")
                    .contains("restarting the bridge"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !engine.bridgePids().isEmpty()
                    && !engine.bridgePids().contains(pid));
        } finally {
            rpcLog.detachAppender(appender);
        }
    }

    @Test
    void aRequestLineOverTheLimitIsRefusedByTheBridgeWhichKeepsRunning() {
        var engine = engine(unreachable());
        var opened = open(engine, new MemoryAuth());
        opened.session().start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !engine.bridgePids().isEmpty());
        long pid = engine.bridgePids().getFirst();

        // The bridge drops the line as it comes and answers the request it held with an error.
        String method = "m".repeat(BridgeRpc.MAX_LINE_BYTES + 1);
        assertThatThrownBy(() -> engine.supervisor().call("ses_test1", method, Map.of(), Duration.ofSeconds(60)))
                .hasMessageContaining("a line of more than " + BridgeRpc.MAX_LINE_BYTES + " bytes");
        var pong = engine.supervisor().call("ses_test1", "ping", Map.of(), Duration.ofSeconds(30));
        assertThat(pong.path("pong").asBoolean()).isTrue();
        assertThat(engine.bridgePids()).containsExactly(pid);
    }

    @Test
    void credentialsSurviveAnEngineRestartAndAreHandedBackIdentically() {
        var auth = new MemoryAuth();
        var first = engine(unreachable());
        var opened = open(first, auth);
        opened.session().start();
        await().atMost(Duration.ofSeconds(20)).until(() -> auth.get(BaileysEngine.CREDS).isPresent()
                && !opened.reconnects().isEmpty());
        String creds = auth.get(BaileysEngine.CREDS).orElseThrow();
        first.close();

        var again = open(engine(unreachable()), auth);
        again.session().start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !again.reconnects().isEmpty());
        assertThat(auth.get(BaileysEngine.CREDS)).contains(creds);
        assertThat(auth.reads()).containsKey(BaileysEngine.CREDS);
    }

    @Test
    void logoutClearsTheAuthState() {
        var opened = open(engine(unreachable()), new MemoryAuth());
        opened.session().start();
        await().atMost(Duration.ofSeconds(20)).until(() -> opened.auth().get(BaileysEngine.CREDS).isPresent());
        opened.session().logout();
        assertThat(opened.auth().items()).isEmpty();
        assertThat(opened.statuses()).last().isEqualTo(SessionStatus.STOPPED);
    }

    @Test
    void aBridgeThatIsNotInstalledFailsTheSessionWithAReason() {
        var config = unreachable();
        var missing = config.withNode(dir.resolve("nowhere"), config.node());
        var opened = open(engine(missing), new MemoryAuth());
        opened.session().start();
        assertThat(opened.statuses()).containsExactly(SessionStatus.STARTING, SessionStatus.FAILED);
        var failed = (EngineEvent.StatusChanged) opened.events().getLast();
        assertThat(failed.failureReason()).hasValueSatisfying(r -> assertThat(r).contains("npm ci"));
    }
}
