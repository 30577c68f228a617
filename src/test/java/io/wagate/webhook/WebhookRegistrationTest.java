package io.wagate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.config.Config;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registering, listing, updating and removing webhooks, and every way a registration is refused. */
class WebhookRegistrationTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer();
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final String WEBHOOKS = "/v1/sessions/{session}/webhooks";
    private static final String PUBLIC_URL = "https://hooks.example.com/wagate";
    private static Api tenant;

    @BeforeAll
    static void sessions() {
        Sessions.create(server.api(), "adminsession");
        tenant = Accounts.create(server.api(), "webhook-tenant", "unlimited");
        Sessions.create(tenant, "hooks");
    }

    private static Api.Response post(Api api, String session, Object body) {
        var response = api.post("/v1/sessions/" + session + "/webhooks", body);
        CONTRACT.assertConforms("POST", WEBHOOKS, response);
        return response;
    }

    private static Api.Response delete(Api api, String session, String rawBody, String query) {
        var response = api.send("DELETE", "/v1/sessions/" + session + "/webhooks" + query, rawBody,
                rawBody == null ? null : "application/json");
        CONTRACT.assertConforms("DELETE", WEBHOOKS, response);
        return response;
    }

    private static Api.Response list(Api api, String session) {
        var response = api.get("/v1/sessions/" + session + "/webhooks");
        CONTRACT.assertConforms("GET", WEBHOOKS, response);
        return response;
    }

    private static void assertBadRequest(Api.Response response, String... mentions) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains(mentions);
    }

    @Test
    void aWebhookIsRegisteredWithDefaultsListedWithoutSecretsAndRemoved() {
        var body = new HashMap<String, Object>();
        body.put("webhookUrl", PUBLIC_URL + "/cycle");
        body.put("hmacKey", "top-secret-key");
        body.put("customHeaders", List.of(Map.of("name", "Authorization", "value", "Bearer secret-token")));
        var created = post(tenant, "hooks", body);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var webhook = created.json();
        assertThat(webhook.path("webhookUrl").asText()).isEqualTo(PUBLIC_URL + "/cycle");
        assertThat(webhook.path("events")).hasSize(1);
        assertThat(webhook.path("events").get(0).asText()).isEqualTo("message");
        assertThat(webhook.path("signed").asBoolean()).isTrue();
        assertThat(webhook.path("retries").path("policy").asText()).isEqualTo("exponential");
        assertThat(webhook.path("retries").path("delaySeconds").asInt()).isEqualTo(2);
        assertThat(webhook.path("retries").path("attempts").asInt()).isEqualTo(10);
        assertThat(webhook.path("customHeaders").get(0).path("name").asText()).isEqualTo("Authorization");

        var listed = list(tenant, "hooks");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("webhookUrl")).contains(PUBLIC_URL + "/cycle");
        var session = tenant.get("/v1/sessions/hooks");
        for (var shown : List.of(created, listed, session)) {
            assertThat(shown.text()).doesNotContain("top-secret-key").doesNotContain("secret-token");
        }
        assertThat(session.json().path("config").path("webhooks").findValuesAsText("url")).contains(PUBLIC_URL + "/cycle");

        assertThat(delete(tenant, "hooks", "{\"webhookUrl\":\"" + PUBLIC_URL + "/cycle\"}", "").status()).isEqualTo(204);
        assertThat(list(tenant, "hooks").json().findValuesAsText("webhookUrl")).doesNotContain(PUBLIC_URL + "/cycle");
        assertThat(tenant.get("/v1/sessions/hooks").json().path("config").path("webhooks").findValuesAsText("url"))
                .doesNotContain(PUBLIC_URL + "/cycle");
    }

    @Test
    void theSameUrlAgainReplacesTheEntryInsteadOfAddingOne() {
        String url = PUBLIC_URL + "/twice";
        assertThat(post(tenant, "hooks", Map.of("webhookUrl", url)).status()).isEqualTo(201);
        var again = post(tenant, "hooks", Map.of("webhookUrl", url, "events", List.of("message.ack", "session.status",
                "message.ack"), "retries", Map.of("policy", "linear", "delaySeconds", 5, "attempts", 3)));

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("events").toString()).isEqualTo("[\"message.ack\",\"session.status\"]");
        assertThat(again.json().path("signed").asBoolean()).isFalse();
        assertThat(list(tenant, "hooks").json().findValuesAsText("webhookUrl").stream().filter(url::equals)).hasSize(1);
        assertThat(delete(tenant, "hooks", null, "?webhookUrl=" + url).status()).as("the URL as a query parameter")
                .isEqualTo(204);
    }

    @Test
    void starMeansEveryEvent() {
        var created = post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL + "/all", "events", List.of("message", "*")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("events").toString()).isEqualTo("[\"*\"]");
        delete(tenant, "hooks", null, "?webhookUrl=" + PUBLIC_URL + "/all");
    }

    @Test
    void anUnknownEventNameIsA400ListingTheValidOnes() {
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "events", List.of("message.sent"))),
                "events", "message.sent", "message.any", "session.status", "engine.event");
    }

    @Test
    void aNonHttpUrlIsA400ForEveryone() {
        for (var api : List.of(tenant, server.api())) {
            String session = api == tenant ? "hooks" : "adminsession";
            assertBadRequest(post(api, session, Map.of("webhookUrl", "ftp://x")), "webhookUrl", "http");
            assertBadRequest(post(api, session, Map.of("webhookUrl", "file:///etc/passwd")), "webhookUrl");
            assertBadRequest(post(api, session, Map.of("webhookUrl", "not a url")), "webhookUrl");
            assertBadRequest(post(api, session, Map.of("webhookUrl", "/relative")), "webhookUrl");
        }
    }

    @Test
    void theMetadataServiceAndPrivateAddressesAreRefusedForAnAccountButNotForTheAdmin() {
        for (String url : List.of("http://169.254.169.254/", "http://127.0.0.1:8080/hook", "http://10.0.0.7/hook",
                "http://[::1]/hook", "http://metadata.google.internal/", "http://localhost/hook")) {
            assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", url)), "webhookUrl", "refused");
        }
        var admin = post(server.api(), "adminsession", Map.of("webhookUrl", "http://169.254.169.254/"));
        assertThat(admin.status()).as("the admin may target anything: " + admin).isEqualTo(201);
    }

    @Test
    void theOperatorCanAllowPrivateTargetsForEveryone() {
        try (var open = TestServer.start(c -> c.withMedia(c.media().withAllowPrivateTargets(true)))) {
            var account = Accounts.create(open.api(), "private-ok", "unlimited");
            Sessions.create(account, "lan");

            assertThat(post(account, "lan", Map.of("webhookUrl", "http://127.0.0.1:9/hook")).status()).isEqualTo(201);
            assertThat(post(account, "lan", Map.of("webhookUrl", "ftp://x")).status()).isEqualTo(400);
        }
    }

    @Test
    void badRetriesHeadersAndKeysAre400sNamingTheField() {
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "retries", Map.of("policy", "fibonacci"))),
                "retries.policy", "constant, linear, exponential");
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "retries", Map.of("attempts", 0))),
                "retries.attempts");
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "retries", Map.of("delaySeconds", 901))),
                "retries.delaySeconds");
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "retries", Map.of("delaySeconds", "2"))),
                "delaySeconds");
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "hmacKey", "")), "hmacKey");
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "customHeaders",
                List.of(Map.of("name", "X-Webhook-Hmac", "value", "forged")))), "customHeaders[0].name");
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "customHeaders",
                List.of(Map.of("name", "Content-Type", "value", "text/plain")))), "customHeaders[0].name");
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "customHeaders",
                List.of(Map.of("name", "X-Token", "value", "a\r\nX-Injected: 1")))), "customHeaders[0].value");
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "customHeaders",
                List.of(Map.of("name", "Bad Name", "value", "v")))), "customHeaders[0].name");
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL + "/" + "x".repeat(2100))), "webhookUrl");
    }

    @Test
    void aMissingUrlMalformedJsonAndUnknownFieldsAre400s() {
        assertBadRequest(post(tenant, "hooks", Map.of("events", List.of("message"))), "webhookUrl is required");
        assertBadRequest(post(tenant, "hooks", Map.of("webhookUrl", PUBLIC_URL, "secret", "x")), "secret");
        var malformed = tenant.send("POST", "/v1/sessions/hooks/webhooks", "{\"webhookUrl\":", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        var empty = tenant.send("POST", "/v1/sessions/hooks/webhooks", "", "application/json");
        assertThat(empty.status()).isEqualTo(400);
    }

    @Test
    void aHugeBodyIsA413() {
        String huge = "{\"webhookUrl\":\"" + PUBLIC_URL + "\",\"hmacKey\":\"" + "k".repeat(1100 * 1024) + "\"}";
        var response = tenant.send("POST", "/v1/sessions/hooks/webhooks", huge, "application/json");
        assertThat(response.status()).isEqualTo(413);
        CONTRACT.assertConforms("POST", WEBHOOKS, response);
        var deleteResponse = tenant.send("DELETE", "/v1/sessions/hooks/webhooks", huge, "application/json");
        assertThat(deleteResponse.status()).isEqualTo(413);
        CONTRACT.assertConforms("DELETE", WEBHOOKS, deleteResponse);
    }

    @Test
    void removingAnUnknownOrMissingUrlIsA404OrA400() {
        var unknown = delete(tenant, "hooks", "{\"webhookUrl\":\"" + PUBLIC_URL + "/never\"}", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asText()).contains(PUBLIC_URL + "/never");
        assertBadRequest(delete(tenant, "hooks", null, ""), "webhookUrl is required");
        assertBadRequest(delete(tenant, "hooks", "{\"webhookUrl\":\"" + PUBLIC_URL + "/a\"}",
                "?webhookUrl=" + PUBLIC_URL + "/b"), "twice");
    }

    @Test
    void aMissingOrAnotherAccountsSessionIsA404OnEveryRoute() {
        for (var api : List.of(tenant, server.api())) {
            String missing = api == tenant ? "adminsession" : "hooks";
            assertThat(post(api, missing, Map.of("webhookUrl", PUBLIC_URL)).status()).isEqualTo(404);
            assertThat(list(api, missing).status()).isEqualTo(404);
            assertThat(delete(api, missing, "{\"webhookUrl\":\"" + PUBLIC_URL + "\"}", "").status()).isEqualTo(404);
            var deliveries = api.get("/v1/sessions/" + missing + "/webhooks/deliveries");
            assertThat(deliveries.status()).isEqualTo(404);
            CONTRACT.assertConforms("GET", WEBHOOKS + "/deliveries", deliveries);
            var retry = api.post("/v1/sessions/" + missing + "/webhooks/deliveries/dlv_x/retry", null);
            assertThat(retry.status()).isEqualTo(404);
            CONTRACT.assertConforms("POST", WEBHOOKS + "/deliveries/{id}/retry", retry);
        }
    }

    @Test
    void theDeliveriesQueryIsChecked() {
        for (String query : List.of("?status=lost", "?limit=0", "?limit=1001", "?limit=many")) {
            var response = tenant.get("/v1/sessions/hooks/webhooks/deliveries" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            CONTRACT.assertConforms("GET", WEBHOOKS + "/deliveries", response);
        }
        var unknown = tenant.post("/v1/sessions/hooks/webhooks/deliveries/dlv_unknown/retry", null);
        assertThat(unknown.status()).isEqualTo(404);
        CONTRACT.assertConforms("POST", WEBHOOKS + "/deliveries/{id}/retry", unknown);
    }

    @Test
    void aSessionKeyManagesItsOwnSessionsWebhooksOnly() {
        String key = Sessions.create(tenant, "keyed").path("apiKey").asText();
        var sessionApi = new Api(tenant.base(), key);

        assertThat(post(sessionApi, "keyed", Map.of("webhookUrl", PUBLIC_URL + "/keyed")).status()).isEqualTo(201);
        assertThat(list(sessionApi, "keyed").json().findValuesAsText("webhookUrl")).containsExactly(PUBLIC_URL + "/keyed");
        assertThat(post(sessionApi, "hooks", Map.of("webhookUrl", PUBLIC_URL + "/keyed")).status()).isEqualTo(404);
    }

    @Test
    void configWebhooksOfASessionAreCheckedTheSameWay() {
        var badEvent = tenant.post("/v1/sessions", Map.of("name", "cfg-bad", "config", Map.of("webhooks",
                List.of(Map.of("url", PUBLIC_URL, "events", List.of("nope"))))));
        assertBadRequest(badEvent, "config.webhooks[0].events", "nope", "message.any");
        var privateUrl = tenant.post("/v1/sessions", Map.of("name", "cfg-bad", "config", Map.of("webhooks",
                List.of(Map.of("url", "http://169.254.169.254/latest/meta-data/")))));
        assertBadRequest(privateUrl, "config.webhooks[0].url", "refused");
        assertThat(tenant.get("/v1/sessions/cfg-bad").status()).as("nothing half-made").isEqualTo(404);
        var twice = tenant.post("/v1/sessions", Map.of("name", "cfg-bad", "config", Map.of("webhooks",
                List.of(Map.of("url", PUBLIC_URL), Map.of("url", PUBLIC_URL)))));
        assertBadRequest(twice, "more than once");

        var created = tenant.post("/v1/sessions", Map.of("name", "cfg-ok", "config", Map.of("webhooks",
                List.of(Map.of("url", PUBLIC_URL + "/cfg", "hmac", Map.of("key", "cfg-secret"))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text()).doesNotContain("cfg-secret");
        var listed = list(tenant, "cfg-ok").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("events").toString()).as("defaults filled in").isEqualTo("[\"message\"]");
        assertThat(listed.get(0).path("signed").asBoolean()).isTrue();

        var badPut = tenant.put("/v1/sessions/cfg-ok", Map.of("config", Map.of("webhooks",
                List.of(Map.of("url", "ftp://x")))));
        assertBadRequest(badPut, "config.webhooks[0].url");
        assertThat(list(tenant, "cfg-ok").json()).as("unchanged by the refused PUT").hasSize(1);
        var put = tenant.put("/v1/sessions/cfg-ok", Map.of("config", Map.of("webhooks",
                List.of(Map.of("url", PUBLIC_URL + "/put", "events", List.of("*"))))));
        assertThat(put.status()).isEqualTo(200);
        assertThat(list(tenant, "cfg-ok").json().findValuesAsText("webhookUrl")).containsExactly(PUBLIC_URL + "/put");
    }

    @Test
    void theServerWideWebhookIsCheckedAtStartUp() {
        var badEvents = Config.WebhookSettings.defaults().withServerWebhook("https://hooks.example.com/all",
                List.of("message", "nope"), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(c -> c.withWebhooks(badEvents)))
                .isInstanceOf(io.wagate.config.ConfigException.class).hasMessageContaining("WAGATE_WEBHOOK_EVENTS");
        var badUrl = Config.WebhookSettings.defaults().withServerWebhook("ftp://x", List.of(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(c -> c.withWebhooks(badUrl)))
                .isInstanceOf(io.wagate.config.ConfigException.class).hasMessageContaining("WAGATE_WEBHOOK_URL");
    }
}
