package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.config.Config;
import io.wagate.support.Api;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Steps of the emulator tests: a wagate aimed at the emulator, and sessions linked to its phones by QR. */
final class LinkedSessions {
    private LinkedSessions() {}

    /**
     * A wagate whose Baileys bridge talks to the emulator, trusting its root key (instead of WhatsApp's) and its
     * media host's certificate. It builds on the test
     * server's Baileys settings, whose WhatsApp Web version URL is on loopback: no test reaches WhatsApp.
     */
    static TestServer wagate(Emulator emulator) {
        return wagate(emulator, UnaryOperator.identity());
    }

    /** The same, with the Baileys settings changed further by {@code tune}. */
    static TestServer wagate(Emulator emulator, UnaryOperator<Config.BaileysConfig> tune) {
        return wagate(emulator, tune, UnaryOperator.identity());
    }

    /** The same, with the rest of the config changed by {@code customize} (the media store, say). */
    static TestServer wagate(Emulator emulator, UnaryOperator<Config.BaileysConfig> tune,
                             UnaryOperator<Config> customize) {
        return TestServer.start(c -> customize.apply(c.withBaileys(tune.apply(c.baileys().withWsUrl(emulator.wsUrl())
                .withTimings(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(800))
                .withTrustRoot(emulator.trustRoot()).withCaCerts(emulator.mediaCa())))));
    }

    /** Creates the phone and a Baileys session (with {@code config}), scans its QR and waits for WORKING. */
    static JsonNode linkByQr(Api api, ControlClient control, String name, String number, Map<String, Object> config) {
        return linkByQr(api, control, name, Map.of("number", number), config);
    }

    /** As above, the phone made from {@code phone} (the body of {@code POST /phones}). */
    static JsonNode linkByQr(Api api, ControlClient control, String name, Map<String, Object> phone,
                             Map<String, Object> config) {
        assertThat(control.post("/phones", phone).status()).isEqualTo(201);
        return linkPhone(api, control, name, (String) phone.get("number"), config);
    }

    /** As above, for a phone made already (to set it up before its first companion links). */
    static JsonNode linkPhone(Api api, ControlClient control, String name, String number, Map<String, Object> config) {
        var body = new HashMap<String, Object>(Map.of("name", name, "engine", "baileys"));
        if (config != null) {
            body.put("config", config);
        }
        var created = api.post("/v1/sessions", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String qr = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/v1/" + name + "/auth/qr?format=raw"), r -> r.status() == 200)
                .json().path("value").asText();
        assertThat(qr).startsWith("https://wa.me/settings/linked_devices#");
        var scanned = control.post("/phones/" + number + "/scan", Map.of("qr", qr));
        assertThat(scanned.status()).as(String.valueOf(scanned.json())).isEqualTo(200);
        return awaitStatus(api, name, "WORKING");
    }

    /**
     * Whether Baileys processed the phone's history-sync notice: it then lists the notice in its credentials
     * (processedHistoryMessages) and counts the account as synced; its 20 s timeout alone does only the latter.
     */
    static boolean historySynced(TestServer server, String session) {
        String creds = server.app().database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.item_value FROM engine_auth a JOIN sessions s ON s.id = a.session_id
                        WHERE s.name = :name AND a.item_key = 'creds'""")
                .bind("name", session).mapTo(String.class).findOne().orElse(""));
        return creds.contains("\"accountSyncCounter\":1") && creds.contains("\"processedHistoryMessages\":[{");
    }

    static JsonNode awaitStatus(Api api, String name, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/v1/sessions/" + name).json(), s -> s.path("status").asText().equals(status));
    }

    /**
     * After a first login Baileys holds events back until the phone's history-sync notice arrives (or 20 s pass),
     * and updates merged into held-back events are lost; the emulator sends one, so the tests wait for it.
     */
    static void awaitFirstSync(Duration atMost, TestServer wagate, String... sessions) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> java.util.Arrays.stream(sessions).allMatch(s -> historySynced(wagate, s)));
    }
}
