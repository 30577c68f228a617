package io.wagate.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Sessions;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat list (a UNION over two tables, with pins, mutes, marks and deletes) and the starred and tally columns on PostgreSQL too. */
class ChatsOnPostgresTest {

    @Test
    void chatsArchivingStarsAndVotesWorkOnPostgres() {
        try (var pg = TestPostgres.createDatabase();
             var server = TestServer.startWithoutAutoLink(pg::configure)) {
            var api = server.api();
            Sessions.linked(api, "pga", "15556680001");
            Sessions.linked(api, "pgb", "15556680002");
            var poll = api.post("/v1/sendPoll", Map.of("session", "pga", "chatId", "15556680002",
                    "poll", Map.of("name", "Q", "options", List.of("Y", "N"), "multipleAnswers", false)));
            assertThat(poll.status()).as(poll.toString()).isEqualTo(201);
            String id = poll.json().path("id").asText();
            assertThat(api.post("/v1/sessions/pga/chats/15550000002/archive", null).status()).isEqualTo(200);

            var chats = api.get("/v1/sessions/pga/chats").json();
            assertThat(chats.get(0).path("id").asText()).isEqualTo("15556680002@c.us");
            assertThat(chats.get(0).path("conversationTimestamp").isNumber()).isTrue();
            assertThat(chats.get(1).path("id").asText()).isEqualTo("15550000002@c.us");
            assertThat(api.get("/v1/sessions/pga/chats?archived=true").json()).hasSize(1);
            assertThat(api.get("/v1/sessions/pga/chats?archived=false").json()).hasSize(1);
            // pinned first; a mute, an unread mark and the last message beside the archived flag
            assertThat(api.post("/v1/sessions/pga/chats/15550000002/pin", null).status()).isEqualTo(200);
            var muted = api.post("/v1/sessions/pga/chats/15550000002/mute", null);
            assertThat(muted.json().path("mutedUntil").asLong()).as(muted.toString()).isEqualTo(-1);
            assertThat(muted.json().path("archived").asBoolean()).isTrue();
            assertThat(api.post("/v1/sessions/pga/chats/15550000002/unread", null).json().path("markedUnread")
                    .asBoolean()).isTrue();
            var pinnedFirst = api.get("/v1/sessions/pga/chats").json();
            assertThat(pinnedFirst.get(0).path("id").asText()).isEqualTo("15550000002@c.us");
            assertThat(pinnedFirst.get(1).path("lastMessage").path("id").asText()).isEqualTo(id);
            assertThat(api.get("/v1/sessions/pga/chats?sortBy=name&sortOrder=desc").json()).hasSize(2);
            assertThat(api.post("/v1/sessions/pga/chats/15550000002/unmute", null).json().path("mutedUntil")
                    .isNull()).isTrue();
            assertThat(api.post("/v1/sessions/pga/chats/15550000002/unpin", null).json().path("pinned")
                    .asBoolean()).isFalse();
            assertThat(api.delete("/v1/sessions/pga/chats/15550000002").status()).isEqualTo(204);
            assertThat(api.get("/v1/sessions/pga/chats").json()).hasSize(1);
            assertThat(api.post("/v1/sessions/pga/chats/15550000002/archive", null).status()).isEqualTo(200);

            assertThat(api.put("/v1/star", Map.of("session", "pga", "messageId", id, "star", true)).json()
                    .path("starred").asBoolean()).isTrue();
            var vote = api.post("/v1/sendPollVote", Map.of("session", "pga", "chatId", "15556680002",
                    "pollMessageId", id, "votes", List.of("N")));
            assertThat(vote.status()).as(vote.toString()).isEqualTo(201);
            assertThat(vote.json().path("poll").path("votes").get(1).path("voters").get(0).asText())
                    .isEqualTo("15556680001@c.us");
            assertThat(vote.json().path("starred").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/v1/sessions/pgb/chats").json().size() == 1);
        }
    }
}
