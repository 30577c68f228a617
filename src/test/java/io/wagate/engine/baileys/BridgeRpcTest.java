package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wagate.engine.EngineException;
import io.wagate.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The Java end of the pipe: answers, errors, timeouts, and lines that must be dropped, not crash it. */
class BridgeRpcTest {
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final PipedOutputStream bridgeOut = new PipedOutputStream();
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private final BridgeRpc rpc;

    BridgeRpcTest() throws IOException {
        var in = new PipedInputStream(bridgeOut, 1 << 16);
        rpc = new BridgeRpc("test-bridge", Json.mapper(), sent, (method, params) -> {
            if (method.equals("auth.fail")) {
                throw new BridgeRpc.Fault(BridgeRpc.NOT_FOUND, "no such session");
            }
            return Map.of("echo", params.path("x").asText());
        }, (method, params) -> notifications.add(method + ":" + params.path("n").asText()),
                Runnable::run, Runnable::run, new SessionWrites(Runnable::run));
        Thread.startVirtualThread(() -> rpc.readFrom(in));
    }

    private void bridgeSays(String line) {
        try {
            bridgeOut.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            bridgeOut.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> sentLines() {
        return sent.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return Json.mapper().readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void aCallGetsItsAnswerAndBridgeErrorsBecomeEngineErrors() {
        var ok = CompletableFuture.supplyAsync(() -> rpc.call("ping", Map.of(), Duration.ofSeconds(5)));
        await().until(() -> sentLines().size() == 1);
        bridgeSays("{\"jsonrpc\":\"2.0\",\"id\":" + sentLines().get(0).path("id") + ",\"result\":{\"pong\":true}}");
        assertThat(ok.join().path("pong").asBoolean()).isTrue();

        var refused = CompletableFuture.supplyAsync(() -> rpc.call("group.leave", Map.of(), Duration.ofSeconds(5)));
        await().until(() -> sentLines().size() == 2);
        bridgeSays("{\"jsonrpc\":\"2.0\",\"id\":" + sentLines().get(1).path("id")
                + ",\"error\":{\"code\":-32002,\"message\":\"not an admin\"}}");
        assertThatThrownBy(refused::join).hasCauseInstanceOf(EngineException.class)
                .cause().hasMessage("not an admin")
                .satisfies(e -> assertThat(((EngineException) e).reason()).isEqualTo(EngineException.Reason.REFUSED));
    }

    @Test
    void aCallTimesOutAsUnavailableAndItsLateAnswerIsDropped() {
        assertThatThrownBy(() -> rpc.call("ping", Map.of(), Duration.ofMillis(50)))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.reason()).isEqualTo(EngineException.Reason.UNAVAILABLE));
        bridgeSays("{\"jsonrpc\":\"2.0\",\"id\":" + sentLines().get(0).path("id") + ",\"result\":\"late\"}");
        bridgeSays("{\"jsonrpc\":\"2.0\",\"method\":\"event\",\"params\":{\"n\":\"after\"}}");
        await().until(() -> notifications.contains("event:after"));
    }

    @Test
    void malformedLinesAreDroppedAndTheLoopGoesOn() {
        bridgeSays("{not json");
        bridgeSays("[1,2,3]");
        bridgeSays("{\"id\":1,\"method\":\"ping\"}");
        bridgeSays("{\"jsonrpc\":\"2.0\",\"id\":99}");
        bridgeSays("");
        bridgeSays("{\"jsonrpc\":\"2.0\",\"method\":\"event\",\"params\":{\"n\":\"1\"}}");
        await().until(() -> notifications.contains("event:1"));
        assertThat(sentLines()).isEmpty();
    }

    @Test
    void theBridgesRequestsAreAnsweredWithResultsOrErrors() {
        bridgeSays("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"auth.creds.load\",\"params\":{\"x\":\"y\"}}");
        bridgeSays("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"auth.fail\",\"params\":{}}");
        await().until(() -> sentLines().size() == 2);
        assertThat(sentLines().get(0).toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"echo\":\"y\"}}");
        assertThat(sentLines().get(1).path("error").path("code").asInt()).isEqualTo(BridgeRpc.NOT_FOUND);
    }

    @Test
    void whenTheBridgesOutputEndsWaitingCallsFailAtOnce() throws IOException {
        var pending = CompletableFuture.supplyAsync(() -> rpc.call("ping", Map.of(), Duration.ofSeconds(30)));
        await().until(() -> sentLines().size() == 1);
        bridgeOut.close();
        assertThatThrownBy(pending::join).cause().isInstanceOf(EngineException.class).hasMessageContaining("retry");
        assertThatThrownBy(() -> rpc.call("ping", Map.of(), Duration.ofSeconds(1)))
                .isInstanceOf(EngineException.class);
    }

    @Test
    void aLineOverTheLimitIsAProtocolErrorThatStopsTheReadingAndFailsWaitingCalls() throws Exception {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var rpcLog = (Logger) LoggerFactory.getLogger(BridgeRpc.class);
        rpcLog.addAppender(appender);
        var asked = new ByteArrayOutputStream();
        var heard = new CopyOnWriteArrayList<String>();
        var overrun = new BridgeRpc("overrun-bridge", Json.mapper(), asked, (m, p) -> null,
                (method, params) -> heard.add(method), Runnable::run, Runnable::run, new SessionWrites(Runnable::run));
        try {
            var pending = CompletableFuture.supplyAsync(() -> overrun.call("ping", Map.of(), Duration.ofSeconds(30)));
            await().until(() -> asked.size() > 0);
            // Two notifications of the same shape: one exactly at the limit, one a byte past it; then a short one.
            String line = "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"params\":{\"pad\":\"%s\"}}\n";
            int pad = BridgeRpc.MAX_LINE_BYTES - (line.length() - 4 - 1 + "at-limit".length());
            var bridge = new ByteArrayOutputStream();
            bridge.write(line.formatted("at-limit", "x".repeat(pad)).getBytes(StandardCharsets.UTF_8));
            bridge.write(line.formatted("overlong", "x".repeat(pad + 1)).getBytes(StandardCharsets.UTF_8));
            bridge.write(line.formatted("after-it", "").getBytes(StandardCharsets.UTF_8));

            assertThat(overrun.readFrom(new java.io.ByteArrayInputStream(bridge.toByteArray())))
                    .as("read to the end of the output").isFalse();
            assertThat(heard).containsExactly("at-limit");
            assertThatThrownBy(pending::join).cause().isInstanceOfSatisfying(EngineException.class,
                    e -> assertThat(e.reason()).isEqualTo(EngineException.Reason.UNAVAILABLE));
            assertThat(appender.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("a line of more than " + BridgeRpc.MAX_LINE_BYTES + " bytes")
                    .contains("restarting the bridge").contains("overlong"));
        } finally {
            rpcLog.detachAppender(appender);
        }
    }

    @Test
    void aSessionsWritesAreAppliedOneAtATimeInTheOrderTheyCame_aSlowOneIsNeverOvertaken() throws IOException {
        var applied = new CopyOnWriteArrayList<String>();
        var firstMayFinish = new CompletableFuture<Void>();
        var firstStarted = new CompletableFuture<Void>();
        var out = new PipedOutputStream();
        var in = new PipedInputStream(out, 1 << 16);
        var ordered = new BridgeRpc("ordered-bridge", Json.mapper(), new ByteArrayOutputStream(), (method, params) -> {
            String what = params.path("session").asText() + ":" + params.path("value").asText();
            if (what.equals("ses_1:old")) {
                firstStarted.complete(null);
                firstMayFinish.join();
            }
            applied.add(what);
            return null;
        }, (method, params) -> { }, Thread::startVirtualThread, Runnable::run,
                new SessionWrites(Thread::startVirtualThread));
        Thread.startVirtualThread(() -> ordered.readFrom(in));
        String save = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"auth.creds.save\",\"params\":{\"session\":\"%s\",\"value\":\"%s\"}}%n";
        out.write(save.formatted(1, "ses_1", "old").getBytes(StandardCharsets.UTF_8));
        out.write(save.formatted(2, "ses_1", "new").getBytes(StandardCharsets.UTF_8));
        out.write(save.formatted(3, "ses_2", "other").getBytes(StandardCharsets.UTF_8));
        out.flush();
        firstStarted.join();
        // Another session's write is not held up; the same session's newer write waits for the slow one.
        await().atMost(Duration.ofSeconds(5)).until(() -> applied.contains("ses_2:other"));
        assertThat(applied).doesNotContain("ses_1:new");
        firstMayFinish.complete(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> applied.size() == 3);
        assertThat(applied.stream().filter(a -> a.startsWith("ses_1"))).containsExactly("ses_1:old", "ses_1:new");
        out.close();
    }
}
