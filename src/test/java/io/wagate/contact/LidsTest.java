package io.wagate.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LID look-ups both ways over HTTP, on the sandbox (every number on its network has a LID). */
class LidsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    static final String LIA = "15556650001";
    static final String LEO = "15556650002";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "lia", LIA);
        Sessions.linked(server.api(), "leo", LEO);
    }

    private static Api.Response byPhone(String session, String phone) {
        var response = server.api().get("/v1/sessions/" + session + "/lids/pn/" + phone);
        CONTRACT.assertConforms("GET", "/v1/sessions/{session}/lids/pn/{phone}", response);
        return response;
    }

    private static Api.Response byLid(String session, String lid) {
        var response = server.api().get("/v1/sessions/" + session + "/lids/" + lid);
        CONTRACT.assertConforms("GET", "/v1/sessions/{session}/lids/{lid}", response);
        return response;
    }

    @Test
    void aNumbersLidAndBackAgree() {
        var found = byPhone("lia", LEO);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        String lid = found.json().path("lid").asText();
        assertThat(lid).endsWith("@lid");
        assertThat(found.json().path("pn").asText()).isEqualTo(LEO + "@c.us");
        var back = byLid("lia", lid);
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().path("pn").asText()).isEqualTo(LEO + "@c.us");
        // the digits alone, and a phone-number id, do as well
        assertThat(byLid("lia", lid.replace("@lid", "")).json().path("pn").asText()).isEqualTo(LEO + "@c.us");
        assertThat(byPhone("lia", LEO + "@c.us").json().path("lid").asText()).isEqualTo(lid);
        // a virtual contact has one too
        assertThat(byPhone("lia", "15550000001").status()).isEqualTo(200);
    }

    @Test
    void badAndUnknownLookUps() {
        assertBad(byPhone("lia", "15559999999"), 404, "no LID");
        assertBad(byLid("lia", "12345678901234@lid"), 404, "no phone number");
        assertBad(byPhone("lia", "hello"), 400, "phone");
        assertBad(byLid("lia", "hello"), 400, "lid");
        assertBad(byLid("lia", LEO + "@c.us"), 400, "lid must be a LID");
        assertBad(byPhone("ghost", LEO), 404, "ghost");
        assertBad(byLid("ghost", "12345678901234@lid"), 404, "ghost");
        Sessions.linked(server.api(), "lidle", "15556650003");
        server.api().post("/v1/sessions/lidle/stop", null);
        assertBad(byPhone("lidle", LEO), 409, "STOPPED");
        assertBad(byLid("lidle", "12345678901234@lid"), 409, "STOPPED");
    }

    private static void assertBad(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}
