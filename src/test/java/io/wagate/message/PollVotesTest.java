package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** sendPollVote between sandbox sessions: tallies on every side, the latest vote per voter, bad votes. */
class PollVotesTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String PIA = "15556610001";
    static final String QUIN = "15556610002";
    static final String REX = "15556610003";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "pia", PIA);
        Sessions.linked(server.api(), "quin", QUIN);
        Sessions.linked(server.api(), "rex", REX);
    }

    private static Api api() {
        return server.api();
    }

    static String poll(String session, String chatId, boolean multiple, String... options) {
        var response = api().post("/v1/sendPoll", Map.of("session", session, "chatId", chatId,
                "poll", Map.of("name", "Lunch?", "options", List.of(options), "multipleAnswers", multiple)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        CONTRACT.assertConforms("POST", "/v1/sendPoll", response);
        return response.json().path("id").asText();
    }

    static Api.Response vote(String session, String chatId, String pollId, List<String> votes) {
        var body = new HashMap<String, Object>();
        body.put("session", session);
        body.put("chatId", chatId);
        body.put("pollMessageId", pollId);
        body.put("votes", votes);
        var response = api().post("/v1/sendPollVote", body);
        CONTRACT.assertConforms("POST", "/v1/sendPollVote", response);
        return response;
    }

    /** The tally of a stored poll as {option: [voters]}. */
    static Map<String, List<String>> tally(JsonNode message) {
        var tally = new HashMap<String, List<String>>();
        for (var option : message.path("poll").path("votes")) {
            var voters = new ArrayList<String>();
            option.path("voters").forEach(v -> voters.add(v.asText()));
            tally.put(option.path("option").asText(), voters);
        }
        return tally;
    }

    static JsonNode stored(String session, String chatId, String id) {
        var list = api().get("/v1/messages?session=" + session + "&chatId=" + chatId + "&limit=1000");
        CONTRACT.assertConforms("GET", "/v1/messages", list);
        for (var message : list.json()) {
            if (message.path("id").asText().equals(id)) {
                return message;
            }
        }
        return null;
    }

    static void awaitTally(String session, String chatId, String id, Map<String, List<String>> expected) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            var message = stored(session, chatId, id);
            assertThat(message).as(session + " has " + id).isNotNull();
            var actual = tally(message);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((option, voters) -> assertThat(actual.get(option)).as(option)
                    .containsExactlyInAnyOrderElementsOf(voters));
        });
    }

    static String idPart(String serialized) {
        return serialized.split("_")[2];
    }

    @Test
    void aVoteReachesTheAuthorAndTheLatestVoteCounts() {
        String piasPoll = poll("pia", QUIN, false, "Pizza", "Sushi");
        String quinsPoll = "false_" + PIA + "@c.us_" + idPart(piasPoll);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored("quin", PIA, quinsPoll) != null);
        // a fresh poll shows every option without voters
        awaitTally("quin", PIA, quinsPoll, Map.of("Pizza", List.of(), "Sushi", List.of()));

        var voted = vote("quin", PIA, quinsPoll, List.of("Pizza"));
        assertThat(voted.status()).as(voted.toString()).isEqualTo(201);
        assertThat(voted.json().path("id").asText()).isEqualTo(quinsPoll);
        assertThat(tally(voted.json())).isEqualTo(Map.of("Pizza", List.of(QUIN + "@c.us"), "Sushi", List.of()));
        awaitTally("pia", QUIN, piasPoll, Map.of("Pizza", List.of(QUIN + "@c.us"), "Sushi", List.of()));

        // a new vote replaces the previous one, on both sides
        assertThat(vote("quin", PIA, quinsPoll, List.of("Sushi")).status()).isEqualTo(201);
        awaitTally("pia", QUIN, piasPoll, Map.of("Pizza", List.of(), "Sushi", List.of(QUIN + "@c.us")));

        // the author votes on its own poll
        assertThat(vote("pia", QUIN, piasPoll, List.of("Pizza")).status()).isEqualTo(201);
        awaitTally("quin", PIA, quinsPoll, Map.of("Pizza", List.of(PIA + "@c.us"), "Sushi", List.of(QUIN + "@c.us")));
        awaitTally("pia", QUIN, piasPoll, Map.of("Pizza", List.of(PIA + "@c.us"), "Sushi", List.of(QUIN + "@c.us")));

        // an empty vote takes it back
        assertThat(vote("quin", PIA, quinsPoll, List.of()).status()).isEqualTo(201);
        awaitTally("pia", QUIN, piasPoll, Map.of("Pizza", List.of(PIA + "@c.us"), "Sushi", List.of()));
    }

    @Test
    void groupVotesReachEveryMember() {
        var group = api().post("/v1/sessions/pia/groups", Map.of("name", "Lunch club",
                "participants", List.of(Map.of("id", QUIN), Map.of("id", REX))));
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        String groupId = group.json().path("id").asText();
        String piasPoll = poll("pia", groupId, true, "Mon", "Tue", "Wed");
        String membersPoll = "false_" + groupId + "_" + idPart(piasPoll) + "_" + PIA + "@c.us";
        await().atMost(Duration.ofSeconds(10)).until(() -> stored("quin", groupId, membersPoll) != null
                && stored("rex", groupId, membersPoll) != null);

        assertThat(vote("quin", groupId, membersPoll, List.of("Mon", "Tue")).status()).isEqualTo(201);
        assertThat(vote("rex", groupId, membersPoll, List.of("Tue")).status()).isEqualTo(201);
        var expected = Map.of("Mon", List.of(QUIN + "@c.us"), "Tue", List.of(QUIN + "@c.us", REX + "@c.us"),
                "Wed", List.<String>of());
        awaitTally("pia", groupId, piasPoll, expected);
        awaitTally("quin", groupId, membersPoll, expected);
        awaitTally("rex", groupId, membersPoll, expected);

        // a member who left can no longer vote there
        assertThat(api().post("/v1/sessions/rex/groups/" + groupId + "/leave", null).status()).isEqualTo(200);
        var gone = vote("rex", groupId, membersPoll, List.of("Wed"));
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
    }

    @Test
    void badVotesAreRefusedBeforeAnythingIsSent() {
        String piasPoll = poll("pia", QUIN, false, "Red", "Blue");
        assertBad(vote("pia", QUIN, piasPoll, List.of("Green")), 400, "'Green' is not an option");
        assertBad(vote("pia", QUIN, piasPoll, List.of("Red", "Red")), 400, "twice");
        assertBad(vote("pia", QUIN, piasPoll, List.of("Red", "Blue")), 400, "one answer");
        assertBad(vote("pia", QUIN, piasPoll, null), 400, "votes is required");
        assertBad(vote("pia", QUIN, null, List.of("Red")), 400, "pollMessageId is required");
        assertBad(vote("pia", QUIN, "not-an-id", List.of("Red")), 400, "pollMessageId");
        assertBad(vote("pia", REX, piasPoll, List.of("Red")), 400, "chat " + REX + "@c.us");
        assertBad(vote("pia", null, piasPoll, List.of("Red")), 400, "chatId");
        assertBad(vote("pia", QUIN, "true_" + QUIN + "@c.us_3EB0FFFFFFFFFFFFFFFF", List.of("Red")), 404, "not found");
        assertBad(vote("ghost", QUIN, piasPoll, List.of("Red")), 404, "ghost");

        var text = api().post("/v1/sendText", Map.of("session", "pia", "chatId", QUIN, "text", "not a poll"));
        assertBad(vote("pia", QUIN, text.json().path("id").asText(), List.of("Red")), 400, "not a poll");

        var multi = poll("pia", QUIN, true, "A", "B", "C");
        assertThat(vote("pia", QUIN, multi, List.of("A", "B", "C")).status()).isEqualTo(201);
        // nothing of the refused votes was counted
        assertThat(tally(stored("pia", QUIN, piasPoll))).isEqualTo(Map.of("Red", List.of(), "Blue", List.of()));
    }

    @Test
    void votingWhileNotWorkingIsAConflict() {
        Sessions.linked(api(), "napper", "15556610004");
        String poll = poll("napper", PIA, false, "Yes", "No");
        api().post("/v1/sessions/napper/stop", null);
        assertBad(vote("napper", PIA, poll, List.of("Yes")), 409, "STOPPED");
    }

    private static void assertBad(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}
