package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bodies a hostile tenant sends: nulls inside lists, broken Unicode. A 400 naming the field, never a 500. */
class HostileInputTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    static final String JOE = "15558860001";
    static final String KIM = "15558860002";
    static final String TO = KIM + "@c.us";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "joe", JOE);
        Sessions.linked(server.api(), "kim", KIM);
    }

    static void assertBadRequest(Api.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }

    static Api.Response raw(String path, String json) {
        return server.api().send("POST", path, json, "application/json");
    }

    @Test
    void aNullContactCard() {
        assertBadRequest(raw("/v1/sendContactVcard", "{\"session\":\"joe\",\"chatId\":\"" + TO
                + "\",\"contacts\":[null]}"), "contacts[0]");
    }

    @Test
    void nullsInOtherLists() {
        assertBadRequest(raw("/v1/sendText", "{\"session\":\"joe\",\"chatId\":\"" + TO
                + "\",\"text\":\"hi\",\"mentions\":[null]}"), "mentions[0]");
        assertBadRequest(raw("/v1/sendPoll", "{\"session\":\"joe\",\"chatId\":\"" + TO
                + "\",\"poll\":{\"name\":\"q\",\"options\":[\"a\",null]}}"), "poll.options[1]");
        assertBadRequest(raw("/v1/sendContactVcard", "{\"session\":\"joe\",\"chatId\":\"" + TO
                + "\",\"contactsId\":[null]}"), "contactsId[0]");
    }

    @Test
    void aContactCardStillSends() {
        var sent = server.api().post("/v1/sendContactVcard", Map.of("session", "joe", "chatId", TO,
                "contacts", java.util.List.of(Map.of("fullName", "Ann", "phoneNumber", "+15550001111"))));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    @Test
    void loneSurrogatesAreRefusedNamingTheField() {
        assertBadRequest(raw("/v1/sendText", "{\"session\":\"joe\",\"chatId\":\"" + TO
                + "\",\"text\":\"a\\uD800b\"}"), "field 'text' holds a lone surrogate (\\uD800)");
        assertBadRequest(raw("/v1/sendText", "{\"session\":\"joe\",\"chatId\":\"" + TO
                + "\",\"text\":\"end \\uDC00\"}"), "'text'");
        assertBadRequest(raw("/v1/sessions", "{\"name\":\"s1\",\"start\":false,"
                + "\"config\":{\"metadata\":{\"k\":\"\\uDBFF\"}}}"), "config.metadata.k");
        assertBadRequest(raw("/v1/sessions", "{\"name\":\"s2\",\"start\":false,"
                + "\"config\":{\"metadata\":{\"\\uD800\":\"v\"}}}"), "config.metadata");
        assertBadRequest(raw("/v1/sendPoll", "{\"session\":\"joe\",\"chatId\":\"" + TO
                + "\",\"poll\":{\"name\":\"q\",\"options\":[\"a\",\"\\uD800\"]}}"), "poll.options[1]");
        assertThat(server.api().get("/v1/sessions/s1").status()).isEqualTo(404);
    }

    @Test
    void aWholeSurrogatePairIsFine() {
        var sent = raw("/v1/sendText", "{\"session\":\"joe\",\"chatId\":\"" + TO
                + "\",\"text\":\"wave \\uD83D\\uDC4B\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("body").asText()).isEqualTo("wave 👋");
    }

    static Api.Response rawBytes(String path, byte[] prefix, byte[] bad, byte[] suffix) {
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(prefix);
        body.writeBytes(bad);
        body.writeBytes(suffix);
        return server.api().post(path, body.toByteArray(), "application/json");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"c0af", "e080af", "f08080af", "ff", "c3", "eda080"})
    void malformedUtf8IsRefusedNeverDecoded(String hex) {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        var response = rawBytes("/v1/sendText", ("{\"session\":\"joe\",\"chatId\":\"" + TO + "\",\"text\":\"..")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), bad, "etc\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains("not valid UTF-8");
    }

    @Test
    void malformedUtf8InABase64MediaBodyToo() {
        var response = rawBytes("/v1/sendImage", ("{\"session\":\"joe\",\"chatId\":\"" + TO
                + "\",\"caption\":\"").getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF},
                "\",\"file\":{\"data\":\"iVBORw0KGgo=\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains("not valid UTF-8");
    }

    /** Found by JsonBodyFuzzTest: leading NUL bytes made Jackson read the body as UTF-32 and fail with a 500. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"000000", "0000", "00"})
    void leadingNulBytesAreMalformedJson(String hex) {
        byte[] nul = java.util.HexFormat.of().parseHex(hex);
        for (String path : new String[] {"/v1/sendText", "/v1/sendImage"}) {
            var response = rawBytes(path, nul, "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[0]);
            assertThat(response.status()).as(path + " " + response).isEqualTo(400);
            assertThat(response.json().path("message").asText()).contains("malformed JSON");
        }
    }
}
