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
}
