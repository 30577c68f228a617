package io.wagate.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wagate.config.Config;
import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import io.wagate.engine.SessionStatus;
import io.wagate.ids.ChatId;
import io.wagate.support.MemoryAuth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine events the sandbox produces for what only events show (the webhooks carry them):
 * waiting messages, votes and failed votes with each side's keys, calls, archived chats.
 */
class SandboxEventsTest {
    static final String ONE = "15556670001";
    static final String TWO = "15556670002";

    private SandboxEngine engine;
    private final Map<String, List<EngineEvent>> events = new HashMap<>();
    private final Map<String, EngineSession> sessions = new HashMap<>();

    @BeforeEach
    void link(@TempDir Path spool) {
        engine = new SandboxEngine(new Config.SandboxConfig(Duration.ofMillis(-1), Duration.ofSeconds(20), 5),
                Clock.systemUTC(), spool);
        for (var number : List.of(ONE, TWO)) {
            var received = new CopyOnWriteArrayList<EngineEvent>();
            var session = engine.open(new EngineSessionContext("ses_" + number, number, new MemoryAuth(),
                    received::add));
            session.start();
            session.requestPairingCode(number);
            events.put(number, received);
            sessions.put(number, session);
            awaitEvent(number, EngineEvent.StatusChanged.class, s -> s.status() == SessionStatus.WORKING);
        }
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aMessageForAStoppedSessionIsReportedWaitingThenDelivered() {
        sessions.get(TWO).stop();
        var sent = send(ONE, new OutgoingMessage.Text(ChatId.ofPhone(TWO), "later", List.of(),
                Optional.empty(), false, false));
        awaitEvent(ONE, EngineEvent.MessageWaiting.class, w -> w.key().equals(sent.key()));
        assertThat(events.get(ONE)).noneMatch(e -> e instanceof EngineEvent.MessageAcked a
                && a.key().equals(sent.key()) && a.ack() == Ack.DEVICE);

        sessions.get(TWO).start();
        awaitEvent(ONE, EngineEvent.MessageAcked.class, a -> a.key().equals(sent.key()) && a.ack() == Ack.DEVICE);
    }

    @Test
    void votesArriveWithEachSidesKeysAndWrongOnesFail() {
        var poll = send(ONE, new OutgoingMessage.Poll(ChatId.ofPhone(TWO),
                new EngineMessage.Poll("Lunch?", List.of("Pizza", "Sushi"), 1), false, Optional.empty()));
        String pollId = poll.key().id();
        var twosPoll = new MessageKey(ChatId.ofPhone(ONE), false, pollId, Optional.empty());
        awaitEvent(TWO, EngineEvent.MessageAdded.class, s -> s.message().key().equals(twosPoll));

        var vote = send(TWO, new OutgoingMessage.PollVote(ChatId.ofPhone(ONE), twosPoll, List.of("Sushi")));
        assertThat(vote.type()).isEqualTo(EngineMessage.Type.POLL_VOTE);
        var own = awaitEvent(TWO, EngineEvent.PollVoted.class, v -> v.vote().equals(vote.key()));
        assertThat(own.poll()).isEqualTo(twosPoll);
        assertThat(own.from()).isEqualTo(ChatId.ofPhone(TWO));
        var arrived = awaitEvent(ONE, EngineEvent.PollVoted.class, v -> v.vote().id().equals(vote.key().id()));
        assertThat(arrived.vote()).isEqualTo(new MessageKey(ChatId.ofPhone(TWO), false, vote.key().id(), Optional.empty()));
        assertThat(arrived.poll()).isEqualTo(poll.key());
        assertThat(arrived.from()).isEqualTo(ChatId.ofPhone(TWO));
        assertThat(arrived.to()).isEqualTo(ChatId.ofPhone(ONE));
        assertThat(arrived.selectedOptions()).containsExactly("Sushi");

        // an option the poll does not have, or too many, fail on the author's side
        var wrong = send(TWO, new OutgoingMessage.PollVote(ChatId.ofPhone(ONE), twosPoll, List.of("Tacos")));
        var failed = awaitEvent(ONE, EngineEvent.PollVoteFailed.class, f -> f.vote().id().equals(wrong.key().id()));
        assertThat(failed.poll()).isEqualTo(poll.key());
        assertThat(failed.reason()).contains("'Tacos' is not an option");
        var tooMany = send(TWO, new OutgoingMessage.PollVote(ChatId.ofPhone(ONE), twosPoll,
                List.of("Pizza", "Sushi")));
        assertThat(awaitEvent(ONE, EngineEvent.PollVoteFailed.class, f -> f.vote().id().equals(tooMany.key().id()))
                .reason()).contains("at most 1");

        // a poll the network does not know (sent before a restart)
        var unknownPoll = new MessageKey(ChatId.ofPhone(ONE), false, "3EB0000000000000000A", Optional.empty());
        var lost = send(TWO, new OutgoingMessage.PollVote(ChatId.ofPhone(ONE), unknownPoll, List.of("Pizza")));
        assertThat(awaitEvent(ONE, EngineEvent.PollVoteFailed.class, f -> f.vote().id().equals(lost.key().id()))
                .reason()).contains("not known");
    }

    @Test
    void callsRingUntilRejectedOrAccepted() {
        var controls = sessions.get(ONE).simulator().orElseThrow();
        var call = controls.simulateIncomingCall(TWO, true);
        assertThat(call.state()).isEqualTo(EngineEvent.CallState.RECEIVED);
        assertThat(call.from()).isEqualTo(ChatId.ofPhone(TWO));
        assertThat(call.video()).isTrue();
        assertThat(call.callId()).matches("[0-9A-F]{32}");
        awaitEvent(ONE, EngineEvent.Call.class, c -> c.equals(call));

        assertThatThrownBy(() -> sessions.get(ONE).rejectCall(call.callId(), ChatId.of("15550000001@c.us")))
                .isInstanceOf(EngineException.class).hasMessageContaining("no ringing call");
        sessions.get(ONE).rejectCall(call.callId(), ChatId.ofPhone(TWO));
        awaitEvent(ONE, EngineEvent.Call.class, c -> c.state() == EngineEvent.CallState.REJECTED
                && c.callId().equals(call.callId()) && c.video());
        assertThatThrownBy(() -> sessions.get(ONE).rejectCall(call.callId(), null))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).reason()).isEqualTo(EngineException.Reason.NOT_FOUND));

        var second = controls.simulateIncomingCall("15550000001", false);
        assertThat(controls.acceptCall(second.callId()).state()).isEqualTo(EngineEvent.CallState.ACCEPTED);
        awaitEvent(ONE, EngineEvent.Call.class, c -> c.state() == EngineEvent.CallState.ACCEPTED);
        assertThatThrownBy(() -> controls.acceptCall(second.callId())).isInstanceOf(EngineException.class);
        assertThatThrownBy(() -> controls.simulateIncomingCall(ONE, false)).hasMessageContaining("itself");
        assertThatThrownBy(() -> controls.simulateIncomingCall("15559999999", false))
                .hasMessageContaining("not on WhatsApp");
    }

    @Test
    void archivingIsReportedToTheSessionOnly() {
        sessions.get(ONE).archiveChat(ChatId.ofPhone(TWO), true, Optional.empty());
        var archived = awaitEvent(ONE, EngineEvent.ChatArchived.class, a -> a.chatId().equals(ChatId.ofPhone(TWO)));
        assertThat(archived.archived()).isTrue();
        assertThat(events.get(TWO)).noneMatch(e -> e instanceof EngineEvent.ChatArchived);
        assertThatThrownBy(() -> sessions.get(ONE).archiveChat(ChatId.of("120363000000000001@g.us"), true, Optional.empty()))
                .isInstanceOf(EngineException.class).hasMessageContaining("not found");
    }

    /**
     * Sends as {@code number}, checking the send contract: a message entering a chat is handed over once, before
     * any event is reported about it, and then reported as MessageAdded before the send returns; a vote is not.
     */
    private EngineMessage send(String number, OutgoingMessage message) {
        var handedOver = new ArrayList<EngineMessage>();
        var reportedBefore = new ArrayList<Boolean>();
        var sent = sessions.get(number).send(message, added -> {
            handedOver.add(added);
            reportedBefore.add(events.get(number).stream().anyMatch(e -> mentions(e, added.key())));
        });
        if (message instanceof OutgoingMessage.PollVote) {
            assertThat(handedOver).isEmpty();
        } else {
            assertThat(handedOver).containsExactly(sent);
            assertThat(reportedBefore).containsExactly(false);
            assertThat(events.get(number)).contains(new EngineEvent.MessageAdded(sent));
        }
        return sent;
    }

    private static boolean mentions(EngineEvent event, MessageKey key) {
        return switch (event) {
            case EngineEvent.MessageAdded added -> added.message().key().equals(key);
            case EngineEvent.MessageAcked acked -> acked.key().equals(key);
            case EngineEvent.MessageWaiting waiting -> waiting.key().equals(key);
            default -> false;
        };
    }

    private <T extends EngineEvent> T awaitEvent(String number, Class<T> type, Predicate<T> matching) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> events.get(number).stream()
                .filter(type::isInstance).map(type::cast).filter(matching).findFirst().orElse(null),
                found -> found != null);
    }
}
