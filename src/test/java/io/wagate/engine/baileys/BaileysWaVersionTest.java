package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.wagate.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WhatsApp Web version the Baileys sessions log in with: read from the version URL (a local server
 * here, never WhatsApp), kept in the store, the compiled one when neither is there, a pinned one as is;
 * {@code /health} shows the one in use.
 */
class BaileysWaVersionTest {
    /** sw.js as Baileys' fetchLatestWaWebVersion reads it: the revision in a JSON-escaped "client_revision". */
    private static String swJs(long revision) {
        return "self.__swData=JSON.parse(\"{\\\"client_revision\\\":" + revision + ",\\\"server_revision\\\":1}\");";
    }

    private final AtomicReference<String> page = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpServer versionServer = start();
    private TestServer server;

    private HttpServer start() {
        try {
            var http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/sw.js", exchange -> {
                requests.incrementAndGet();
                String body = page.get();
                byte[] bytes = (body == null ? "down" : body).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(body == null ? 503 : 200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        versionServer.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + versionServer.getAddress().getPort() + "/sw.js");
    }

    private void startWith(Optional<String> pinned) {
        server = TestServer.start(c -> c.withBaileys(BaileysBridgeTest.unreachable().withWaVersion(pinned, url())));
    }

    private JsonNode versionOnceASessionRuns(String name) {
        var created = server.api().post("/v1/sessions", Map.of("name", name, "engine", "baileys"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var version = new AtomicReference<JsonNode>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            version.set(server.api().get("/health").json().path("engines").path("baileys").path("whatsappVersion"));
            return version.get().isObject();
        });
        return version.get();
    }

    @Test
    void theAnnouncedVersionIsUsedAndKeptForWhenThePageCannotBeRead() {
        page.set(swJs(1099999999L));
        startWith(Optional.empty());
        var fetched = versionOnceASessionRuns("v1");
        assertThat(fetched.path("version").asText()).isEqualTo("2.3000.1099999999");
        assertThat(fetched.path("source").asText()).isEqualTo("fetched");

        page.set(null);
        server.restart();
        var cached = versionOnceASessionRuns("v2");
        assertThat(cached.path("version").asText()).isEqualTo("2.3000.1099999999");
        assertThat(cached.path("source").asText()).isEqualTo("cached");
    }

    @Test
    void withNothingFetchedOrKeptTheCompiledVersionIsUsed() {
        page.set("no revision here");
        startWith(Optional.empty());
        var compiled = versionOnceASessionRuns("c1");
        assertThat(compiled.path("source").asText()).isEqualTo("compiled");
        assertThat(compiled.path("version").asText()).matches("2\\.3000\\.\\d+").isNotEqualTo("2.3000.1099999999");
        assertThat(requests.get()).isPositive();
    }

    @Test
    void aPinnedVersionIsUsedAndNothingIsFetched() {
        page.set(swJs(1099999999L));
        startWith(Optional.of("2.3000.1012345678"));
        var pinned = versionOnceASessionRuns("p1");
        assertThat(pinned.path("version").asText()).isEqualTo("2.3000.1012345678");
        assertThat(pinned.path("source").asText()).isEqualTo("pinned");
        assertThat(requests.get()).isZero();
    }
}
