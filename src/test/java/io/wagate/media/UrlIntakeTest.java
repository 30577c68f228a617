package io.wagate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wagate.config.Config.MediaConfig;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import io.wagate.net.TargetGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file.url against a real HTTP server on 127.0.0.1 (the only address these tests ever connect to). */
class UrlIntakeTest {
    private static final long MB = MediaConfig.MB;
    private static final int BIG = 64 * 1024 * 1024;

    @TempDir
    Path dir;

    private HttpServer server;
    private String base;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bigSent = new AtomicLong();
    private final CountDownLatch bigDone = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private TempFiles temp;
    private MediaIntake intake;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Handlers block (the hanging one until the test ends): one thread per exchange.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            handle(exchange);
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        temp = new TempFiles(dir.resolve("tmp"));
        intake = intake(limits(1 * MB, true), new TargetGuard(true));
    }

    @AfterEach
    void stop() {
        release.countDown();
        intake.close();
        server.stop(0);
    }

    private MediaIntake intake(MediaConfig config, TargetGuard guard) {
        return new MediaIntake(config, temp, guard, "test");
    }

    private static MediaConfig limits(long imageBytes, boolean allowPrivate) {
        return new MediaConfig(imageBytes, 4 * MB, 4 * MB, 4 * MB, allowPrivate, Duration.ofSeconds(1));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/lying.png" -> send(exchange, 200, "video/mp4", Fixtures.png());
            case "/files/report%20v2.pdf", "/files/report v2.pdf" -> send(exchange, 200, "application/octet-stream",
                    Fixtures.pdf());
            case "/missing" -> send(exchange, 404, "text/plain", "no".getBytes());
            case "/big" -> streamBig(exchange);
            case "/declared-big" -> {
                // Announces 2 MB, sends the start and then waits: the intake must not wait for the rest.
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, 2 * MB);
                exchange.getResponseBody().write(Fixtures.png());
                exchange.getResponseBody().flush();
                awaitRelease();
                exchange.close();
            }
            case "/hang" -> {
                awaitRelease();
                exchange.close();
            }
            case "/loop" -> redirect(exchange, "/loop");
            case "/to-file" -> redirect(exchange, "file:///etc/passwd");
            case "/to-ftp" -> redirect(exchange, "ftp://127.0.0.1/x.png");
            default -> {
                if (path.startsWith("/hop/")) {
                    int left = Integer.parseInt(path.substring(5));
                    redirect(exchange, left == 0 ? base + "/lying.png" : "/hop/" + (left - 1));
                } else {
                    send(exchange, 404, "text/plain", "unknown".getBytes());
                }
            }
        }
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** A PNG header and then far more than any limit, chunked (no Content-Length), counting what got out. */
    private void streamBig(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "image/png");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        byte[] png = Fixtures.png();
        System.arraycopy(png, 0, chunk, 0, png.length);
        try (OutputStream out = exchange.getResponseBody()) {
            while (bigSent.get() < BIG) {
                out.write(chunk);
                bigSent.addAndGet(chunk.length);
            }
        } catch (IOException clientWentAway) {
            // What we expect: the intake stopped reading and dropped the connection.
        } finally {
            bigDone.countDown();
        }
    }

    @Test
    void aDownloadIsSniffedFromItsBytesNotFromWhatTheServerOrClientSays() {
        try (var media = intake.fromUrl(base + "/lying.png", "video/mp4", null, MediaKind.IMAGE, false)) {
            assertThat(media.mimetype()).isEqualTo("image/png");
            assertThat(media.filename()).isEqualTo("lying.png");
            assertThat(media.size()).isEqualTo(Fixtures.png().length);
            assertThat(media.path().getParent()).isEqualTo(temp.dir());
            assertThat(Files.exists(media.path())).isTrue();
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void theUrlNamesTheFileWhenTheClientDoesNot() {
        try (var media = intake.receive(new MediaIntake.FileInput(base + "/files/report%20v2.pdf?x=1", (String) null, null,
                null), MediaKind.DOCUMENT, false)) {
            assertThat(media.mimetype()).isEqualTo("application/pdf");
            assertThat(media.filename()).isEqualTo("report v2.pdf");
        }
    }

    @Test
    void aRedirectChainIsFollowedUpToFiveHops() {
        try (var media = intake.fromUrl(base + "/hop/4", null, "photo.png", MediaKind.IMAGE, false)) {
            assertThat(media.mimetype()).isEqualTo("image/png");
            assertThat(media.filename()).isEqualTo("photo.png");
        }
        assertThatThrownBy(() -> intake.fromUrl(base + "/loop", null, null, MediaKind.IMAGE, false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                .hasMessageContaining("redirects more than 5 times");
        assertThat(requests.get()).isEqualTo(5 + 1 + 6);
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void aRedirectToARefusedTargetIsA400AndGoesNowhere() {
        for (String hop : new String[] {"/to-file", "/to-ftp"}) {
            assertThatThrownBy(() -> intake.fromUrl(base + hop, null, null, MediaKind.IMAGE, false))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                    .hasMessageContaining("file.url is refused").hasMessageContaining("only http and https");
        }
        assertThat(requests.get()).isEqualTo(2);
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void loopbackIsRefusedBeforeAnyConnectionUnlessTheCallerIsTrusted() {
        try (var strict = intake(limits(1 * MB, false), new TargetGuard(false))) {
            assertThatThrownBy(() -> strict.fromUrl(base + "/lying.png", null, null, MediaKind.IMAGE, false))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                    .hasMessageContaining("127.0.0.1").hasMessageContaining("loopback");
            assertThat(requests.get()).isZero();
            try (var media = strict.fromUrl(base + "/lying.png", null, null, MediaKind.IMAGE, true)) {
                assertThat(media.mimetype()).isEqualTo("image/png");
            }
        }
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    /**
     * DNS rebinding: the name passes the check with a public address, then resolves to loopback when the
     * connection is made. The connection-time check refuses it, so the server never sees a request.
     * (Had the pinning failed, the connection would have gone to loopback, not anywhere else.)
     */
    @Test
    void anAddressThatChangesAfterTheCheckIsCaughtWhenConnecting() {
        var lookups = new AtomicInteger();
        TargetGuard.Resolver rebinding = host -> {
            if (!host.equals("rebind.test")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.ofLiteral(lookups.incrementAndGet() == 1 ? "93.184.215.10" : "127.0.0.1")};
        };
        try (var strict = intake(limits(1 * MB, false), new TargetGuard(false, rebinding))) {
            String url = "http://rebind.test:" + server.getAddress().getPort() + "/lying.png";
            assertThatThrownBy(() -> strict.fromUrl(url, null, null, MediaKind.IMAGE, false))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                    .hasMessageContaining("file.url is refused").hasMessageContaining("loopback");
        }
        assertThat(lookups.get()).isEqualTo(2);
        assertThat(requests.get()).isZero();
    }

    @Test
    void aBodyPastTheLimitIsA413AndTheDownloadStopsEarly() {
        var failure = new AtomicReference<Throwable>();
        try {
            intake.fromUrl(base + "/big", null, "huge.png", MediaKind.IMAGE, false).close();
        } catch (ApiException e) {
            failure.set(e);
        }
        assertThat(failure.get()).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
            assertThat(e.getMessage()).contains("1 MB limit for images");
        });
        // The server's write fails once we hang up: it never gets near the 64 MB it had to send.
        await().atMost(Duration.ofSeconds(20)).until(() -> bigDone.getCount() == 0);
        assertThat(bigSent.get()).isLessThan(BIG / 4);
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void aDeclaredLengthPastTheLimitIsA413BeforeReading() {
        assertThatThrownBy(() -> intake.fromUrl(base + "/declared-big", null, null, MediaKind.IMAGE, false))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE));
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> intake.fromUrl(base + "/hang", null, null, MediaKind.IMAGE, false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                .hasMessageContaining("no answer within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void errorsFromTheServerOrTheUrlAre400s() {
        assertThatThrownBy(() -> intake.fromUrl(base + "/missing", null, null, MediaKind.IMAGE, false))
                .hasMessageContaining("the server answered 404");
        assertThatThrownBy(() -> intake.fromUrl("not a url", null, null, MediaKind.IMAGE, false))
                .hasMessageContaining("file.url");
        assertThatThrownBy(() -> intake.fromUrl("/relative/x.png", null, null, MediaKind.IMAGE, false))
                .hasMessageContaining("absolute");
        // A port nothing listens on: one the system just handed out and took back.
        int deadPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThatThrownBy(() -> intake.fromUrl("http://127.0.0.1:" + deadPort + "/x.png", null, null,
                MediaKind.IMAGE, false)).hasMessageContaining("refused the connection");
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }

    @Test
    void aWrongKindFromAUrlIs415() {
        assertThatThrownBy(() -> intake.fromUrl(base + "/lying.png", null, null, MediaKind.VIDEO, false))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("image/png").hasMessageContaining("video/*");
        assertThat(Fixtures.list(temp.dir())).isEmpty();
    }
}
