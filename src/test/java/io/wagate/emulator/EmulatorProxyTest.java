package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.CountingProxy;
import io.wagate.support.RunningServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session's config.proxy carries its Baileys socket to WhatsApp (the emulator); a refusing one is its reason. */
class EmulatorProxyTest {
    static final Emulator emulator = Emulator.start(0);
    static final ControlClient control = new ControlClient(emulator.controlUrl());
    static final CountingProxy proxy = CountingProxy.start();

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> LinkedSessions.wagate(emulator));

    @AfterAll
    static void stop() {
        proxy.close();
        emulator.close();
    }

    @Test
    void aSessionLinksAndLogsInAgainThroughItsProxy() {
        String target = "127.0.0.1:" + emulator.port();
        var working = LinkedSessions.linkByQr(server.api(), control, "viaproxy", "15550007777",
                Map.of("proxy", proxy.url()));
        assertThat(working.path("me").path("id").asText()).isEqualTo("15550007777@c.us");
        // Linking makes two connections (the QR one, then a restart-required login): both tunnelled.
        assertThat(proxy.carried()).filteredOn(target::equals).hasSizeGreaterThanOrEqualTo(2);

        int before = proxy.carried().size();
        server.get().restart();
        LinkedSessions.awaitStatus(server.api(), "viaproxy", "WORKING");
        assertThat(proxy.carried().subList(before, proxy.carried().size())).contains(target);
    }

    @Test
    void mediaUploadsAndDownloadsGoThroughTheSessionsProxy() {
        LinkedSessions.linkByQr(server.api(), control, "upviaproxy", "15550007781", Map.of("proxy", proxy.url()));
        LinkedSessions.linkByQr(server.api(), control, "downviaproxy", "15550007782", Map.of("proxy", proxy.url()));
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(40), server.get(), "upviaproxy", "downviaproxy");
        String mediaHost = emulator.media().host();
        int before = proxy.carried().size();
        byte[] png = io.wagate.media.Fixtures.png();
        var sent = server.api().post("/v1/sendImage", Map.of("session", "upviaproxy", "chatId", "15550007782@c.us",
                "file", Map.of("data", java.util.Base64.getEncoder().encodeToString(png), "filename", "p.png")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        // Baileys' upload (its fetchAgent) went through the proxy to the media host.
        await().atMost(Duration.ofSeconds(20)).until(() -> proxy.carried().subList(before, proxy.carried().size())
                .contains(mediaHost));
        String raw = sent.json().path("id").asText().substring(sent.json().path("id").asText().lastIndexOf('_') + 1);
        String received = "false_15550007781@c.us_" + raw;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> server.api()
                .get("/v1/messages?session=downviaproxy&chatId=15550007781@c.us").json().findValuesAsText("id").contains(received));
        int beforeDownload = proxy.carried().size();
        var file = server.api().get("/v1/files/downviaproxy/" + received);
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        assertThat(file.bytes()).isEqualTo(png);
        assertThat(proxy.carried().subList(beforeDownload, proxy.carried().size())).contains(mediaHost);
    }

    @Test
    void aProxyThatRefusesConnectionsIsTheSessionsFailureReason() throws IOException {
        int port;
        try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        var created = server.api().post("/v1/sessions", Map.of("name", "badproxy", "engine", "baileys",
                "config", Map.of("proxy", "http://user:secret@127.0.0.1:" + port)));
        assertThat(created.status()).isEqualTo(201);
        var session = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> server.api().get("/v1/sessions/badproxy").json(),
                        s -> s.path("failure").path("reason").asText().contains("proxy"));
        assertThat(session.path("status").asText()).isEqualTo("STARTING");
        assertThat(session.path("failure").path("reason").asText())
                .contains("could not connect through the proxy http://127.0.0.1:" + port)
                .contains("ECONNREFUSED")
                .doesNotContain("secret");
    }

    @Test
    void aProxyUrlOfAnotherKindIs400() {
        for (String bad : new String[] {"ftp://127.0.0.1:21", "socks5://127.0.0.1", "just words"}) {
            var answer = server.api().post("/v1/sessions", Map.of("name", "weird", "engine", "baileys",
                    "config", Map.of("proxy", bad)));
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().toString()).contains("config.proxy");
        }
    }
}
