package io.wagate.support;

import static org.awaitility.Awaitility.await;

import io.wagate.config.Config;
import io.wagate.config.MediaStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server for tests: S3Proxy (from Maven Central, copied to {@code target/s3proxy} by the
 * build) on a loopback port with a filesystem store, in a JVM of its own so that its dependencies never meet
 * wagate's. One per test JVM, started on first use and stopped by a shutdown hook; each caller gets a fresh
 * bucket ({@link #createBucket()}). A server that cannot start makes the test fail, never skip.
 */
public final class TestS3 {
    public static final String ACCESS_KEY = "wagate-test-access";
    public static final String SECRET_KEY = "wagate-test-secret-0123456789";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static Server server;

    private TestS3() {}

    /** A new, empty bucket on the shared server. Close it to empty and delete it. */
    public static Bucket createBucket() {
        var srv = server();
        String name = "wagate-" + UUID.randomUUID().toString().substring(0, 8);
        srv.client.createBucket(b -> b.bucket(name));
        return new Bucket(name, srv);
    }

    public static synchronized Server server() {
        if (server == null) {
            server = Server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-s3-stop"));
        }
        return server;
    }

    /** One bucket of the shared server, and how wagate is pointed at it. */
    public record Bucket(String name, Server server) implements AutoCloseable {
        public MediaStoreConfig.S3 config() {
            return new MediaStoreConfig.S3(Optional.of(server.endpoint), name, "us-east-1", ACCESS_KEY, SECRET_KEY,
                    true);
        }

        /** {@code config} with its media in this bucket: for {@code TestServer.start(bucket::configure)}. */
        public Config configure(Config config) {
            return config.withMediaStore(config());
        }

        /** The environment of a wagate process whose media is in this bucket. */
        public Map<String, String> env() {
            return Map.of("WAGATE_MEDIA_STORE", "s3", "WAGATE_S3_ENDPOINT", server.endpoint.toString(),
                    "WAGATE_S3_BUCKET", name, "WAGATE_S3_ACCESS_KEY", ACCESS_KEY, "WAGATE_S3_SECRET_KEY", SECRET_KEY,
                    "WAGATE_S3_PATH_STYLE", "true");
        }

        /** {@code env} and this bucket's settings: the environment of a cluster node whose media is here. */
        public Map<String, String> with(Map<String, String> env) {
            var all = new java.util.HashMap<>(env);
            all.putAll(env());
            return all;
        }

        /** The objects in the bucket, by key. */
        public Map<String, Long> objects() {
            var objects = new HashMap<String, Long>();
            server.client.listObjectsV2Paginator(b -> b.bucket(name)).contents()
                    .forEach(o -> objects.put(o.key(), o.size()));
            return objects;
        }

        public byte[] read(String key) {
            return server.client.getObjectAsBytes(b -> b.bucket(name).key(key)).asByteArray();
        }

        /** Empties the bucket and deletes it. */
        public void delete() {
            List<S3Object> left = server.client.listObjectsV2Paginator(b -> b.bucket(name)).contents().stream().toList();
            for (var object : left) {
                server.client.deleteObject(b -> b.bucket(name).key(object.key()));
            }
            server.client.deleteBucket(b -> b.bucket(name));
        }

        @Override
        public void close() {
            if (server.client.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(name))) {
                delete();
            }
        }
    }

    /** The running S3Proxy: its endpoint and a client of our own to look into it. */
    public static final class Server {
        final URI endpoint;
        final S3Client client;
        private final Process process;
        private final Path dir;

        private Server(URI endpoint, S3Client client, Process process, Path dir) {
            this.endpoint = endpoint;
            this.client = client;
            this.process = process;
            this.dir = dir;
        }

        public URI endpoint() {
            return endpoint;
        }

        static Server start() {
            Path jar = Path.of(System.getProperty("wagate.test.s3proxyJar", "target/s3proxy/s3proxy.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("S3Proxy for tests is missing at " + jar
                        + ": the build copies it there (mvn process-test-resources)");
            }
            try {
                Path dir = Files.createTempDirectory("wagate-s3-");
                Path blobs = Files.createDirectories(dir.resolve("blobs"));
                int port = freePort();
                var endpoint = URI.create("http://127.0.0.1:" + port);
                Path properties = dir.resolve("s3proxy.conf");
                Files.writeString(properties, String.join("\n",
                        "s3proxy.endpoint=" + endpoint,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=filesystem",
                        "jclouds.identity=" + ACCESS_KEY,
                        "jclouds.credential=" + SECRET_KEY,
                        "jclouds.filesystem.basedir=" + blobs, ""));
                String java = ProcessHandle.current().info().command().orElse("java");
                var process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties",
                        properties.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
                var client = S3Client.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .build();
                var srv = new Server(endpoint, client, process, dir);
                try {
                    await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("S3Proxy exited with " + process.exitValue());
                        }
                        try {
                            client.listBuckets();
                            return true;
                        } catch (software.amazon.awssdk.core.exception.SdkException notYet) {
                            return false;
                        }
                    });
                } catch (RuntimeException e) {
                    srv.stop();
                    throw new IllegalStateException("S3Proxy did not start; its log:\n"
                            + Files.readString(dir.resolve("s3proxy.log")), e);
                }
                return srv;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void stop() {
            client.close();
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServer.deleteRecursively(dir);
        }

        private static int freePort() throws IOException {
            try (var socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
