package io.wagate.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * wagate as a separate JVM (the test's own classpath and java), for what an in-process server
 * cannot show: a {@code kill -9} and what survives it.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServerProcess start(Path dataDir, Map<String, String> extraEnv) {
        int port = freePort();
        var env = new java.util.HashMap<>(extraEnv);
        env.putIfAbsent("WAGATE_PORT", Integer.toString(port));
        var server = new ServerProcess(launch(dataDir, env), port);
        try {
            awaitListening(server, dataDir, port);
        } catch (RuntimeException | Error e) {
            server.process.destroyForcibly();
            throw e;
        }
        return server;
    }

    private static void awaitListening(ServerProcess server, Path dataDir, int port) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!server.process.isAlive()) {
                        throw new IllegalStateException("wagate exited with " + server.process.exitValue() + ":\n"
                                + Files.readString(logOf(dataDir)));
                    }
                    // Its own log must say so: another test's server may have taken the port meanwhile.
                    return Files.readString(logOf(dataDir)).contains("listening on port " + port)
                            && healthy(server);
                });
    }

    private static boolean healthy(ServerProcess server) {
        try {
            return server.api().anonymous().get("/health").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Starts {@code io.wagate.Main} with the test admin key and {@code dataDir}, output going to
     * {@code <dataDir>-server.log} beside it; does not wait for anything.
     */
    public static Process launch(Path dataDir, Map<String, String> extraEnv) {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The server's own logging (INFO), not the tests' quiet one: its log must show where it listens.
        var builder = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                "io.wagate.Main"));
        builder.environment().put("WAGATE_DATA_DIR", dataDir.toString());
        builder.environment().put("WAGATE_ADMIN_KEY", TestServer.ADMIN_KEY);
        builder.environment().putAll(extraEnv);
        builder.redirectErrorStream(true);
        builder.redirectOutput(logOf(dataDir).toFile());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path logOf(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    public Api api() {
        return new Api("http://localhost:" + port, TestServer.ADMIN_KEY);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public int port() {
        return port;
    }

    /** The server's process id, for signals a test sends itself (SIGSTOP, SIGCONT). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as a deploy sends it; returns at once (the server drains, then exits). */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code. */
    public int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("wagate still runs " + atMost + " after it was told to stop");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
