package io.wagate.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.account.Account;
import io.wagate.account.AccountStore;
import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.engine.SessionStatus;
import io.wagate.http.Json;
import io.wagate.ids.ChatId;
import io.wagate.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * While wagate stops, its sessions' engine sides still report: a message the sandbox hands over (or Baileys
 * receives) before the session is down must reach the features that store it, or it is lost (the hand-off
 * counts it as received). Only what the stop itself says of a session (STOPPED, a QR code) is not recorded,
 * so the session resumes as it was.
 */
class SessionEventsClosingTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void whileClosingMessagesAndAcksReachTheFeaturesButStatusAndQrAreNotRecorded() {
        try (var storage = TestDatabase.Backend.SQLITE.create()) {
            var database = storage.open();
            new AccountStore(database.jdbi()).insertAccount(new Account("acc_c", "c", "basic", false, T0));
            var store = new SessionStore(database.jdbi(), Json.mapper());
            store.insert(new Session("ses_c", "acc_c", "c", "sandbox", SessionStatus.WORKING, true,
                    SessionConfig.empty(), Optional.empty(), Optional.empty(), T0));
            var recorder = new SessionRecorder(store, Clock.fixed(T0, ZoneOffset.UTC));
            var events = new SessionEvents(recorder);
            var heard = new CopyOnWriteArrayList<EngineEvent>();
            events.wire(List.of((sessionId, event) -> heard.add(event)));

            events.close();
            var chat = ChatId.of("15550000002@c.us");
            var key = new MessageKey(chat, false, "3EB0CLOSING", Optional.empty());
            var handedOver = new EngineEvent.MessageAdded(new EngineMessage(key, T0, chat,
                    ChatId.of("15550000001@c.us"), EngineMessage.Source.APP, EngineMessage.Type.TEXT, "in transit",
                    Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Ack.DEVICE));
            var acked = new EngineEvent.MessageAcked(new MessageKey(chat, true, "3EB0MINE", Optional.empty()),
                    ChatId.of("15550000001@c.us"), chat, Ack.DEVICE);
            events.deliver("ses_c", "c", handedOver);
            events.deliver("ses_c", "c", acked);
            events.deliver("ses_c", "c", new EngineEvent.QrCodeChanged("2@closing"));
            events.deliver("ses_c", "c", new EngineEvent.StatusChanged(SessionStatus.STOPPED, Optional.empty(),
                    Optional.empty()));

            assertThat(heard).as("what the engine side still reported").containsExactly(handedOver, acked);
            assertThat(store.findById("ses_c").orElseThrow().status()).as("the status it resumes from")
                    .isEqualTo(SessionStatus.WORKING);
            assertThat(recorder.qr("ses_c")).isEmpty();
        }
    }
}
