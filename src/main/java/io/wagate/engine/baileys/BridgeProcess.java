package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.config.Config.BaileysConfig;
import io.wagate.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running bridge: the Node child, its RPC channel and its stderr forwarded to the log. */
final class BridgeProcess {
    private static final Logger log = LoggerFactory.getLogger(BridgeProcess.class);
    private static final Logger bridgeLog = LoggerFactory.getLogger("io.wagate.engine.baileys.bridge");
    /** A bridge log line past this is cut: a log line carries a message and an error, not data. */
    static final int MAX_LOG_LINE_BYTES = 64 << 10;
    /** How long an exited bridge's remaining output may take to be read (the JDK keeps what was in the pipe). */
    private static final Duration EXIT_DRAIN = Duration.ofSeconds(5);

    private final String label;
    private final Process process;
    private final BridgeRpc rpc;
    private final ExecutorService ordered;

    private BridgeProcess(String label, Process process, BridgeRpc rpc, ExecutorService ordered) {
        this.label = label;
        this.process = process;
        this.rpc = rpc;
        this.ordered = ordered;
    }

    /**
     * Starts {@code node src/main.js} in the bridge directory; {@code onExit} runs once the child is gone.
     * @throws EngineException UNAVAILABLE when Node or the bridge's packages are missing
     */
    static BridgeProcess start(String label, BaileysConfig config, Path mediaDir, ObjectMapper mapper,
                               BridgeRpc.Handler handler, BridgeRpc.Notifications notifications,
                               SessionWrites writes, Runnable onExit) {
        Path main = config.bridgeDir().resolve("src/main.js");
        if (!Files.isRegularFile(main) || !Files.isDirectory(config.bridgeDir().resolve("node_modules/baileys"))) {
            throw new EngineException(EngineException.Reason.UNAVAILABLE, "the Baileys bridge is not installed in "
                    + config.bridgeDir() + " (run npm ci there; ./wagate serve does it)");
        }
        var builder = new ProcessBuilder(List.of(config.node(), main.toString())).directory(config.bridgeDir().toFile());
        Map<String, String> env = builder.environment();
        config.wsUrl().ifPresent(url -> env.put("WAGATE_BAILEYS_WS_URL", url));
        config.trustRoot().ifPresent(key -> env.put("WAGATE_BAILEYS_TRUST_ROOT", key));
        config.caCerts().ifPresent(pem -> env.put("NODE_EXTRA_CA_CERTS", pem.toString()));
        env.put("WAGATE_BRIDGE_MEDIA_DIR", mediaDir.toString());
        env.put("WAGATE_BAILEYS_KEEPALIVE_MS", Long.toString(config.keepAlive().toMillis()));
        env.put("WAGATE_BRIDGE_RPC_TIMEOUT_MS", Long.toString(config.requestTimeout().toMillis()));
        env.putIfAbsent("WAGATE_BRIDGE_LOG_LEVEL", bridgeLog.isDebugEnabled() ? "debug" : "warn");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EngineException(EngineException.Reason.UNAVAILABLE,
                    "cannot start the Baileys bridge with '" + config.node() + "': " + e.getMessage());
        }
        var ordered = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(label + "-events").daemon().factory());
        var rpc = new BridgeRpc(label, mapper, process.getOutputStream(), handler, notifications,
                Thread::startVirtualThread, ordered, writes);
        var reader = Thread.ofVirtual().name(label + "-stdout").start(() -> {
            if (!rpc.readFrom(process.getInputStream())) {
                process.destroyForcibly(); // its exit restarts it (BridgeSupervisor)
            }
        });
        Thread.ofVirtual().name(label + "-stderr").start(() -> forwardLog(label, mapper, process));
        var bridge = new BridgeProcess(label, process, rpc, ordered);
        // What a bridge wrote before it died (its last events: a message it received, an ack) is read to the end of
        // its stdout and handled before the events executor stops; a kill -9 lost those lines before.
        process.onExit().thenRunAsync(() -> {
            try {
                if (!reader.join(EXIT_DRAIN)) {
                    log.warn("{}: its output was not read to the end within {}", label, EXIT_DRAIN);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rpc.close("it exited with code " + process.exitValue());
            ordered.shutdown();
            onExit.run();
        }, Thread::startVirtualThread);
        log.info("{} started (pid {})", label, process.pid());
        return bridge;
    }

    JsonNode call(String method, Object params, Duration timeout) {
        return rpc.call(method, params, timeout);
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Asks the bridge to close its sessions (their last auth writes reach the store), then ends it. */
    void shutdown(Duration grace) {
        if (process.isAlive()) {
            try {
                rpc.call("shutdown", Map.of(), grace);
            } catch (RuntimeException e) {
                log.warn("{} did not shut down cleanly: {}", label, e.getMessage());
            }
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        ordered.shutdown();
    }

    void kill() {
        process.destroyForcibly();
    }

    /** pino JSON lines on stderr become log lines naming the bridge and, where given, the session. */
    private static void forwardLog(String label, ObjectMapper mapper, Process process) {
        var lines = new BoundedLines(process.getErrorStream(), MAX_LOG_LINE_BYTES);
        try {
            while (true) {
                try {
                    String line = lines.next();
                    if (line == null) {
                        return;
                    }
                    logLine(label, mapper, line);
                } catch (BoundedLines.TooLong e) {
                    // A log line is no protocol: it is cut, and the log goes on.
                    bridgeLog.warn("{}: a log line of more than {} bytes, cut: {}", label, MAX_LOG_LINE_BYTES, e.start);
                    if (!lines.skipRest()) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            log.debug("{}: stderr closed: {}", label, e.getMessage());
        }
    }

    static void logLine(String label, ObjectMapper mapper, String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode entry = null;
        try {
            entry = line.startsWith("{") ? mapper.readTree(line) : null;
        } catch (IOException e) {
            entry = null;
        }
        if (entry == null || !entry.isObject()) {
            bridgeLog.info("{}: {}", label, line);
            return;
        }
        String session = entry.path("session").asText("");
        String text = entry.path("msg").asText("");
        String error = entry.path("err").path("message").asText(entry.path("error").path("message").asText(""));
        String where = session.isEmpty() ? label : label + " session " + session;
        String message = error.isEmpty() ? text : text + ": " + error;
        int level = entry.path("level").asInt(30);
        if (level >= 50) {
            bridgeLog.error("{}: {}", where, message);
        } else if (level >= 40) {
            bridgeLog.warn("{}: {}", where, message);
        } else if (level >= 30) {
            bridgeLog.info("{}: {}", where, message);
        } else {
            bridgeLog.debug("{}: {}", where, message);
        }
    }
}
