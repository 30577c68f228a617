package io.wagate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.account.Account;
import io.wagate.account.AccountStore;
import io.wagate.engine.Ack;
import io.wagate.engine.SessionStatus;
import io.wagate.http.Json;
import io.wagate.ids.ChatId;
import io.wagate.message.Message;
import io.wagate.message.MessageStore;
import io.wagate.session.Session;
import io.wagate.session.SessionConfig;
import io.wagate.session.SessionStore;
import io.wagate.support.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The messages table on SQLite and PostgreSQL: idempotent inserts, forward-only acks, paging, cascade. */
class MessageStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void messagesRoundtripOnEveryBackend(TestDatabase.Backend backend) {
        try (var storage = backend.create()) {
            var stores = Stores.open(storage, "m");
            var sessions = stores.sessions();
            var writes = stores.writes();
            var store = stores.messages();

            for (int i = 0; i < 3; i++) {
                store.insert("ses_m", ChatId.of("15550000001@c.us"), T0.toEpochMilli() + i, message("true_15550000001@c.us_3EB0" + i, "text " + i));
            }
            store.insert("ses_m", ChatId.of("15550000002@c.us"), T0.toEpochMilli() + 10, message("true_15550000002@c.us_3EB09", "other chat"));
            // a second report of the same message changes nothing
            store.insert("ses_m", ChatId.of("15550000001@c.us"), T0.toEpochMilli(), message("true_15550000001@c.us_3EB00", "changed?"));
            writes.flush();

            assertThat(store.list("ses_m", Optional.of(ChatId.of("15550000001@c.us")), 10, 0)).extracting(Message::body)
                    .containsExactly("text 2", "text 1", "text 0");
            assertThat(store.list("ses_m", Optional.empty(), 2, 1)).extracting(Message::body)
                    .containsExactly("text 2", "text 1");

            store.raiseAck("ses_m", "true_15550000001@c.us_3EB00", Ack.READ);
            store.raiseAck("ses_m", "true_15550000001@c.us_3EB00", Ack.DEVICE);
            writes.flush();
            var read = store.find("ses_m", "true_15550000001@c.us_3EB00").orElseThrow();
            assertThat(read.ackName()).isEqualTo("READ");
            assertThat(read.ack()).isEqualTo(3);
            assertThat(read.body()).isEqualTo("text 0");

            sessions.delete("ses_m");
            assertThat(store.list("ses_m", Optional.empty(), 10, 0)).isEmpty();
            writes.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void reactionsAndBareIdsOnEveryBackend(TestDatabase.Backend backend) {
        try (var storage = backend.create()) {
            var stores = Stores.open(storage, "r");
            var sessions = stores.sessions();
            var writes = stores.writes();
            var store = stores.messages();
            String id = "false_120363000000000001@g.us_3EB0AA_15550000001@c.us";
            store.insert("ses_r", ChatId.of("120363000000000001@g.us"), T0.toEpochMilli(), message(id, "hi"));
            // an id that only a LIKE wildcard would take for 3EB0A's
            store.insert("ses_r", ChatId.of("120363000000000001@g.us"), T0.toEpochMilli(),
                    message("false_120363000000000001@g.us_3EB0AX_15550000001@c.us", "other"));

            long t = T0.toEpochMilli();
            store.react("ses_r", id, "15550000002@c.us", "👍", t + 1000);
            store.react("ses_r", id, "15550000003@c.us", "🎉", t + 2000);
            store.react("ses_r", id, "15550000002@c.us", "❤️", t + 3000);
            store.react("ses_r", id, "15550000002@c.us", "👎", t + 500);             // older than the kept one: ignored
            store.react("ses_r", "false_15550000009@c.us_3EB0", "15550000002@c.us", "👍", t);  // no such message: dropped
            writes.flush();
            assertThat(store.find("ses_r", id).orElseThrow().reactions()).containsExactly(
                    new Message.Reaction("15550000003@c.us", "🎉", T0.getEpochSecond() + 2),
                    new Message.Reaction("15550000002@c.us", "❤️", T0.getEpochSecond() + 3));
            store.react("ses_r", id, "15550000003@c.us", "", t + 4000);
            writes.flush();
            assertThat(store.list("ses_r", Optional.empty(), 10, 0).stream().filter(m -> m.id().equals(id))
                    .findFirst().orElseThrow().reactions()).hasSize(1);
            store.clearReactions("ses_r", id);
            writes.flush();
            assertThat(store.find("ses_r", id).orElseThrow().reactions()).isEmpty();

            assertThat(store.findId("ses_r", ChatId.of("120363000000000001@g.us"), "3EB0AA")).contains(id);
            assertThat(store.findId("ses_r", ChatId.of("120363000000000001@g.us"), "3EB0A")).isEmpty();
            assertThat(store.findId("ses_r", ChatId.of("15550000001@c.us"), "3EB0AA")).isEmpty();

            sessions.delete("ses_r");
            assertThat(store.find("ses_r", id)).isEmpty();
            writes.close();
        }
    }

    /**
     * An ack that arrives while its message's insert is still queued rides along with the insert (one statement
     * less per message); one that arrives later is written on its own; a scope that raised it waits for the insert.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void acksRaisedWhileTheInsertIsQueuedAreKept(TestDatabase.Backend backend) throws Exception {
        try (var storage = backend.create()) {
            var stores = Stores.open(storage, "q");
            var writes = stores.writes();
            var store = stores.messages();
            var release = new java.util.concurrent.CountDownLatch(1);
            writes.submit(h -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            store.insert("ses_q", ChatId.of("15550000001@c.us"), T0.toEpochMilli(), message("true_15550000001@c.us_3EB0Q1", "queued"));
            var raisedInScope = java.util.concurrent.CompletableFuture.runAsync(() -> writes.awaitingWrites(() -> {
                store.raiseAck("ses_q", "true_15550000001@c.us_3EB0Q1", Ack.DEVICE);
                return null;
            }));
            store.raiseAck("ses_q", "true_15550000001@c.us_3EB0Q1", Ack.READ);
            store.raiseAck("ses_q", "true_15550000001@c.us_3EB0Q1", Ack.SERVER);
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(200))
                    .atMost(java.time.Duration.ofSeconds(5)).until(() -> !raisedInScope.isDone());
            release.countDown();
            raisedInScope.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(store.find("ses_q", "true_15550000001@c.us_3EB0Q1").orElseThrow().ackName())
                    .as("the scope returned once the insert carrying its ack was committed").isEqualTo("READ");

            store.raiseAck("ses_q", "true_15550000001@c.us_3EB0Q1", Ack.PLAYED);
            writes.flush();
            assertThat(store.find("ses_q", "true_15550000001@c.us_3EB0Q1").orElseThrow().ackName()).isEqualTo("PLAYED");

            // a second report of the message raises a lower stored ack, and never lowers one
            store.insert("ses_q", ChatId.of("15550000001@c.us"), T0.toEpochMilli(), message("true_15550000001@c.us_3EB0Q1", "again"));
            store.insert("ses_q", ChatId.of("15550000001@c.us"), T0.toEpochMilli() + 1, message("true_15550000001@c.us_3EB0Q2", "second"));
            writes.flush();
            store.insert("ses_q", ChatId.of("15550000001@c.us"), T0.toEpochMilli() + 1,
                    message("true_15550000001@c.us_3EB0Q2", "second").withAck(Ack.DEVICE));
            writes.flush();
            assertThat(store.find("ses_q", "true_15550000001@c.us_3EB0Q1").orElseThrow())
                    .extracting(Message::ackName, Message::body).containsExactly("PLAYED", "queued");
            assertThat(store.find("ses_q", "true_15550000001@c.us_3EB0Q2").orElseThrow().ackName()).isEqualTo("DEVICE");
            writes.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void aChatsDisappearingTimerRunsItsNewMessagesOut(TestDatabase.Backend backend) {
        try (var storage = backend.create()) {
            var stores = Stores.open(storage, "x");
            var writes = stores.writes();
            var clock = new io.wagate.support.TestClock(T0);
            var store = new MessageStore(storage.open().jdbi(), writes, Json.mapper(),
                    new io.wagate.idempotency.RunningClaims(), clock);
            var chat = ChatId.of("15550000001@c.us");
            store.insert("ses_x", chat, T0.toEpochMilli(), message("true_15550000001@c.us_3EB0X0", "before"));
            // 90 days: past what an int of milliseconds holds
            writes.submit(h -> h.execute("INSERT INTO chats (session_id, chat_id, archived, updated_at, disappearing)"
                    + " VALUES ('ses_x', '15550000001@c.us', FALSE, 0, 7776000)"));
            store.insert("ses_x", chat, T0.toEpochMilli() + 1, message("true_15550000001@c.us_3EB0X1", "timed"));
            writes.flush();
            assertThat(store.list("ses_x", Optional.of(chat), 10, 0)).extracting(Message::body)
                    .containsExactly("timed", "before");

            clock.set(T0.plus(java.time.Duration.ofDays(90)).plusMillis(1));
            assertThat(store.list("ses_x", Optional.of(chat), 10, 0)).extracting(Message::body).containsExactly("before");
            assertThat(store.find("ses_x", "true_15550000001@c.us_3EB0X1")).isEmpty();
            assertThat(store.lastOfChats("ses_x", List.of(chat.value())).get(chat.value()).body()).isEqualTo("before");
            store.deleteExpired().join();
            int left = storage.open().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM messages WHERE session_id = 'ses_x'").mapTo(Integer.class).one());
            assertThat(left).isEqualTo(1);
            writes.close();
        }
    }

    /** A store with account {@code acc_<suffix>} and its WORKING session {@code ses_<suffix>}. */
    private record Stores(SessionStore sessions, WriteQueue writes, MessageStore messages) {
        static Stores open(TestDatabase storage, String suffix) {
            var database = storage.open();
            new AccountStore(database.jdbi()).insertAccount(new Account("acc_" + suffix, suffix, "basic", false, T0));
            var sessions = new SessionStore(database.jdbi(), Json.mapper());
            sessions.insert(new Session("ses_" + suffix, "acc_" + suffix, suffix, "sandbox", SessionStatus.WORKING, true,
                    SessionConfig.empty(), Optional.empty(), Optional.empty(), T0));
            var writes = new WriteQueue(database.jdbi());
            return new Stores(sessions, writes, new MessageStore(database.jdbi(), writes, Json.mapper(), new io.wagate.idempotency.RunningClaims(),
                    java.time.Clock.systemUTC()));
        }
    }

    private static Message message(String id, String body) {
        return new Message(id, T0.getEpochSecond(), "me@c.us", null, null, "15550000001@c.us", null, true, null, "api", "text", body, false,
                null, null, List.of(), null, null, null, null, null, Ack.SERVER.value(), Ack.SERVER.name(), null, List.of(), null, null);
    }
}
