package io.wagate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its environment, parsed once at start-up.
 * Tests build one directly instead of touching the process environment.
 */
public record Config(
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        String defaultEngine,
        Optional<String> adminKey,
        long maxJsonBodyBytes,
        SandboxConfig sandbox) {

    /** Behaviour of the simulated network; the timings are tunable so tests need not wait 100 s for a QR timeout. */
    public record SandboxConfig(Duration linkDelay, Duration qrInterval, int qrAttempts) {
        /** A link delay below zero means "never link by itself": the session waits for a pairing code. */
        public boolean autoLink() {
            return !linkDelay.isNegative();
        }
    }

    public static final String DEFAULT_ENGINE = "sandbox";

    public static Config fromEnvironment(Map<String, String> env) {
        var reader = new EnvReader(env);
        return new Config(
                reader.integer("WAGATE_PORT", 3000, 0, 65535),
                Path.of(reader.string("WAGATE_DATA_DIR", "./data")).toAbsolutePath().normalize(),
                reader.optional("WAGATE_DATABASE_URL"),
                reader.string("WAGATE_ENGINE", DEFAULT_ENGINE),
                reader.optional("WAGATE_ADMIN_KEY"),
                reader.integer("WAGATE_MAX_JSON_BODY_BYTES", 1024 * 1024, 1024, Integer.MAX_VALUE),
                new SandboxConfig(
                        Duration.ofMillis(reader.integer("WAGATE_SANDBOX_LINK_DELAY_MS", 2000, -1, Integer.MAX_VALUE)),
                        Duration.ofMillis(reader.integer("WAGATE_SANDBOX_QR_INTERVAL_MS", 20_000, 50, Integer.MAX_VALUE)),
                        reader.integer("WAGATE_SANDBOX_QR_ATTEMPTS", 5, 1, 1000)));
    }

    public Config withPort(int newPort) {
        return new Config(newPort, dataDir, databaseUrl, defaultEngine, adminKey, maxJsonBodyBytes, sandbox);
    }

    public Config withSandbox(SandboxConfig newSandbox) {
        return new Config(port, dataDir, databaseUrl, defaultEngine, adminKey, maxJsonBodyBytes, newSandbox);
    }
}
