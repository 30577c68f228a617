package io.wagate.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Simulated incoming calls in the sandbox, rejected or accepted over HTTP. */
class CallsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final String SIMULATE = "/v1/sessions/{session}/sandbox/calls";
    private static final String ACCEPT = "/v1/sessions/{session}/sandbox/calls/{callId}/accept";
    private static final String REJECT = "/v1/sessions/{session}/calls/reject";

    static final String WEN = "15556640001";
    static final String XAN = "15556640002";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "wen", WEN);
        Sessions.linked(server.api(), "xan", XAN);
    }

    private static Api api() {
        return server.api();
    }

    private static Api.Response simulate(String session, Map<String, Object> body) {
        var response = api().post(SIMULATE.replace("{session}", session), body);
        CONTRACT.assertConforms("POST", SIMULATE, response);
        return response;
    }

    private static Api.Response reject(String session, String callId, String from) {
        var body = new HashMap<String, Object>();
        body.put("callId", callId);
        if (from != null) {
            body.put("from", from);
        }
        var response = api().post(REJECT.replace("{session}", session), body);
        CONTRACT.assertConforms("POST", REJECT, response);
        return response;
    }

    private static Api.Response accept(String session, String callId) {
        var response = api().post(ACCEPT.replace("{session}", session).replace("{callId}", callId), null);
        CONTRACT.assertConforms("POST", ACCEPT, response);
        return response;
    }

    @Test
    void aCallRingsUntilRejected() {
        var call = simulate("wen", Map.of("from", "+1 555 664 0002", "video", true));
        assertThat(call.status()).as(call.toString()).isEqualTo(201);
        assertThat(call.json().path("from").asText()).isEqualTo(XAN + "@c.us");
        assertThat(call.json().path("isVideo").asBoolean()).isTrue();
        assertThat(call.json().path("isGroup").asBoolean()).isFalse();
        String id = call.json().path("id").asText();

        assertBad(reject("wen", id, "15550000001"), 404, "no ringing call");
        var rejected = reject("wen", id, XAN + "@c.us");
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().path("success").asBoolean()).isTrue();
        assertBad(reject("wen", id, null), 404, "no ringing call");
        // another session does not have the call
        var other = simulate("wen", Map.of("from", XAN)).json().path("id").asText();
        assertBad(reject("xan", other, null), 404, "no ringing call");
        assertThat(reject("wen", other, null).status()).isEqualTo(200);
    }

    @Test
    void aCallCanBeAnsweredOnThePhone() {
        String id = simulate("wen", Map.of("from", "15550000001")).json().path("id").asText();
        var accepted = accept("wen", id);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().path("id").asText()).isEqualTo(id);
        assertThat(accepted.json().path("isVideo").asBoolean()).isFalse();
        assertBad(accept("wen", id), 404, "no ringing call");
        assertBad(reject("wen", id, null), 404, "no ringing call");
    }

    @Test
    void badCalls() {
        assertBad(simulate("wen", Map.of()), 400, "from is required");
        assertBad(simulate("wen", Map.of("from", WEN)), 400, "itself");
        assertBad(simulate("wen", Map.of("from", "15559999999")), 400, "not on WhatsApp");
        assertBad(simulate("wen", Map.of("from", "120363000000000001@g.us")), 400, "from");
        assertBad(simulate("wen", Map.of("from", XAN, "video", "yes")), 400, "video");
        assertBad(simulate("ghost", Map.of("from", XAN)), 404, "ghost");
        assertBad(reject("wen", null, null), 400, "callId is required");
        assertBad(reject("wen", "ABC", "not a number"), 400, "from");
        assertBad(reject("ghost", "ABC", null), 404, "ghost");
        assertBad(accept("ghost", "ABC"), 404, "ghost");

        Sessions.linked(api(), "off", "15556640003");
        api().post("/v1/sessions/off/stop", null);
        assertBad(simulate("off", Map.of("from", XAN)), 409, "STOPPED");
        assertBad(reject("off", "ABC", null), 409, "STOPPED");
        assertBad(accept("off", "ABC"), 409, "STOPPED");
    }

    @Test
    void theSimulationIsForSandboxSessionsOnly() {
        // A session on another engine, as a server with the Baileys engine would have it.
        Sessions.create(api(), "template");
        server.get().app().database().jdbi().useHandle(h -> h.execute("""
                INSERT INTO sessions (id, account_id, name, engine, status, should_run, config, created_at, updated_at)
                SELECT 'ses_real', account_id, 'real', 'baileys', 'STOPPED', FALSE, config, created_at, updated_at
                FROM sessions WHERE name = 'template'"""));
        assertBad(simulate("real", Map.of("from", XAN)), 400, "only for sandbox sessions");
        assertBad(accept("real", "ABC"), 400, "only for sandbox sessions");
    }

    private static void assertBad(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}
