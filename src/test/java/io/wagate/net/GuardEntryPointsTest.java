package io.wagate.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.config.Config;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every route that takes a URL from a client runs it through the guard: file.url of the four media sends and of
 * a group picture, webhooks registered directly and in a session's config (create and update). The targets are
 * IP literals, so nothing is resolved or contacted. The server listens on loopback only (WAGATE_BIND).
 */
class GuardEntryPointsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.startWithoutAutoLink(c -> c
            .withNet(new Config.NetConfig(Optional.of("127.0.0.1"), Cidr.parseAll("93.184.215.0/24")))));
    static final String LEA = "15558850001";
    static final String MAX = "15558850002";
    static Api tenant;
    static String groupId;

    /** Refused for a tenant: a documentation address, an operator-denied range, an octal loopback. */
    static final List<String> REFUSED = List.of("http://203.0.113.5/x.png", "http://93.184.215.9/x.png",
            "http://0177.0.0.1/x.png");
    static final List<String> WHY = List.of("documentation address", "WAGATE_DENY_TARGETS", "non-standard form");

    @BeforeAll
    static void setUp() {
        tenant = Accounts.create(server.api(), "guarded", "unlimited");
        Sessions.linked(tenant, "lea", LEA);
        Sessions.linked(server.api(), "max", MAX);
        var group = tenant.post("/v1/sessions/lea/groups", Map.of("name", "G", "participants",
                List.of(Map.of("id", MAX + "@c.us"))));
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        groupId = group.json().path("id").asText();
    }

    static void assertRefused(Api.Response response, int which) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains(WHY.get(which));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sendImage", "sendFile", "sendVideo", "sendVoice"})
    void mediaFileUrls(String route) {
        for (int i = 0; i < REFUSED.size(); i++) {
            assertRefused(tenant.post("/v1/" + route, Map.of("session", "lea", "chatId", MAX + "@c.us",
                    "file", Map.of("url", REFUSED.get(i)))), i);
        }
    }

    @Test
    void groupPictureUrl() {
        for (int i = 0; i < REFUSED.size(); i++) {
            assertRefused(tenant.put("/v1/sessions/lea/groups/" + groupId + "/picture",
                    Map.of("file", Map.of("url", REFUSED.get(i)))), i);
        }
    }

    @Test
    void webhookRegistration() {
        for (int i = 0; i < REFUSED.size(); i++) {
            assertRefused(tenant.post("/v1/sessions/lea/webhooks", Map.of("webhookUrl", REFUSED.get(i))), i);
        }
    }

    @Test
    void webhooksInASessionsConfig() {
        for (int i = 0; i < REFUSED.size(); i++) {
            var config = Map.of("webhooks", List.of(Map.of("url", REFUSED.get(i))));
            assertRefused(tenant.post("/v1/sessions", Map.of("name", "hooked" + i, "start", false, "config", config)), i);
            assertRefused(tenant.put("/v1/sessions/lea", Map.of("config", config)), i);
        }
    }

    @Test
    void deniedRangesHoldForAnAdminToo() {
        assertRefused(server.api().post("/v1/sessions/max/webhooks", Map.of("webhookUrl", REFUSED.get(1))), 1);
        assertThat(server.api().post("/v1/sessions/max/webhooks", Map.of("webhookUrl", "http://203.0.113.5/"))
                .status()).isEqualTo(201); // an admin may reach documentation and private addresses
    }

    @Test
    void theServerListensOnTheBindAddressOnly() throws Exception {
        int port = java.net.URI.create(server.api().base()).getPort();
        try (var loopback = new Socket("127.0.0.1", port)) {
            assertThat(loopback.isConnected()).isTrue();
        }
        var external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> !uncheckedLoopback(i))
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address).findFirst();
        assertThat(external).as("an interface address other than loopback").isPresent();
        try (var socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), port), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static boolean uncheckedLoopback(NetworkInterface i) {
        try {
            return i.isLoopback() || !i.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }
}
