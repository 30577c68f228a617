package io.wagate.support;

import io.wagate.App;
import io.wagate.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.net.URI;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The real server on a random port against a temp SQLite file, with a known admin key and quick
 * sandbox timings. Close it to stop the server and delete its data.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_KEY = "wag_test_admin_key_0123456789abcdefghijklmnopqrstuv";

    private final Path dataDir;
    private Config config;
    private final Clock clock;
    private App app;

    private TestServer(Path dataDir, Config config, Clock clock) {
        this.dataDir = dataDir;
        this.config = config;
        this.clock = clock;
    }

    public static TestServer start() {
        return start(UnaryOperator.identity());
    }

    /** Starts with the default test config, adjusted by {@code customize}. */
    public static TestServer start(UnaryOperator<Config> customize) {
        return start(customize, Clock.systemUTC());
    }

    /** Starts with the default test config on {@code clock} (a {@link TestClock} to stop or move time). */
    public static TestServer start(Clock clock) {
        return start(UnaryOperator.identity(), clock);
    }

    public static TestServer start(UnaryOperator<Config> customize, Clock clock) {
        Path dir;
        try {
            dir = Files.createTempDirectory("wagate-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var server = new TestServer(dir, customize.apply(defaultConfig(dir)), clock);
        try {
            server.app = App.start(server.config, clock);
        } catch (RuntimeException e) {
            // A start a test expects to fail (a bad setting) leaves nothing behind.
            deleteRecursively(dir);
            throw e;
        }
        return server;
    }

    /** A sandbox that never links by itself: sessions wait in SCAN_QR_CODE for a pairing code. */
    public static TestServer startWithoutAutoLink() {
        return startWithoutAutoLink(UnaryOperator.identity());
    }

    /** {@link #startWithoutAutoLink()} with the config further adjusted by {@code customize}. */
    public static TestServer startWithoutAutoLink(UnaryOperator<Config> customize) {
        return startWithoutAutoLink(customize, Clock.systemUTC());
    }

    public static TestServer startWithoutAutoLink(UnaryOperator<Config> customize, Clock clock) {
        return start(c -> customize.apply(withoutAutoLink(c)), clock);
    }

    /** {@code config} with a sandbox that never links by itself (link with a pairing code). */
    public static Config withoutAutoLink(Config config) {
        return config.withSandbox(new Config.SandboxConfig(Duration.ofMillis(-1), config.sandbox().qrInterval(),
                config.sandbox().qrAttempts()));
    }

    public static Config defaultConfig(Path dataDir) {
        return new Config(0, dataDir, Optional.empty(), "sandbox", Optional.of(ADMIN_KEY), 1024 * 1024,
                new Config.SandboxConfig(Duration.ofMillis(300), Duration.ofSeconds(20), 5),
                Config.MediaConfig.defaults(), Config.StreamConfig.defaults(), Config.MetricsConfig.defaults(),
                // Loopback only: a Baileys session of a test never asks web.whatsapp.com for its version.
                Config.BaileysConfig.defaults().withWaVersion(Optional.empty(), URI.create("http://127.0.0.1:9/sw.js")),
                Config.WebhookSettings.defaults(),
                // Tests stop servers often: a stop waits for requests in flight, not 20 s for idle streams.
                Config.HttpSettings.defaults().withShutdownGrace(Duration.ofSeconds(2)),
                Config.NetConfig.defaults(), Optional.empty(), new io.wagate.config.MediaStoreConfig.Local());
    }

    /** Stops the server and starts it again on the same data (a clean restart). */
    public void restart() {
        restart(UnaryOperator.identity());
    }

    /** A clean restart on the same data with the config changed by {@code change} (as an operator would). */
    public void restart(UnaryOperator<Config> change) {
        app.close();
        config = change.apply(config);
        app = App.start(config, clock);
    }

    public App app() {
        return app;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Api api() {
        return new Api("http://localhost:" + app.port(), ADMIN_KEY);
    }

    public Api api(String key) {
        return new Api("http://localhost:" + app.port(), key);
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            deleteRecursively(dataDir);
        }
    }

    static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
