package io.wagate.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.config.Config;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineEvent.GroupChange;
import io.wagate.engine.EngineEvent.ParticipantChange;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import io.wagate.engine.GroupInfo;
import io.wagate.engine.GroupOperations.ParticipantAction;
import io.wagate.engine.SessionStatus;
import io.wagate.ids.ChatId;
import io.wagate.support.MemoryAuth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Membership and settings changes reach every member's session as events (the webhooks will carry
 * them): joins, leaves, promotions and updates, each to the sessions it concerns.
 */
class SandboxGroupEventsTest {
    private SandboxEngine engine;
    private final Map<String, List<EngineEvent>> events = new HashMap<>();
    private final Map<String, EngineSession> sessions = new HashMap<>();

    @BeforeEach
    void link(@TempDir Path spool) {
        engine = new SandboxEngine(new Config.SandboxConfig(Duration.ofMillis(-1), Duration.ofSeconds(20), 5),
                Clock.systemUTC(), spool);
        for (var number : List.of("15556660001", "15556660002", "15556660003")) {
            var received = new CopyOnWriteArrayList<EngineEvent>();
            var session = engine.open(new EngineSessionContext("ses_" + number, number, new MemoryAuth(),
                    received::add));
            session.start();
            session.requestPairingCode(number);
            await().until(() -> received.stream().anyMatch(e -> e instanceof EngineEvent.StatusChanged s
                    && s.status() == SessionStatus.WORKING));
            events.put(number, received);
            sessions.put(number, session);
        }
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void membersHearOfJoinsPromotionsUpdatesAndLeaves() {
        var ann = sessions.get("15556660001").groups();
        var group = ann.create("Events", List.of(ChatId.of("15556660002@c.us")), Optional.empty());
        awaitGroupChanged("15556660001", GroupChange.JOIN, group.id());
        awaitGroupChanged("15556660002", GroupChange.JOIN, group.id());

        ann.updateParticipants(group.id(), ParticipantAction.ADD, List.of(ChatId.of("15556660003@c.us")));
        awaitGroupChanged("15556660003", GroupChange.JOIN, group.id());
        for (var member : List.of("15556660001", "15556660002", "15556660003")) {
            awaitParticipants(member, ParticipantChange.JOIN, ChatId.of("15556660003@c.us"));
        }

        ann.updateParticipants(group.id(), ParticipantAction.PROMOTE, List.of(ChatId.of("15556660002@c.us")));
        awaitParticipants("15556660003", ParticipantChange.PROMOTE, ChatId.of("15556660002@c.us"));

        ann.setSubject(group.id(), "Renamed");
        await().until(() -> events.get("15556660003").stream().anyMatch(e -> e instanceof EngineEvent.GroupChanged c
                && c.change() == GroupChange.UPDATE && c.group().subject().equals("Renamed")));

        ann.updateParticipants(group.id(), ParticipantAction.REMOVE, List.of(ChatId.of("15556660003@c.us")));
        awaitGroupChanged("15556660003", GroupChange.LEAVE, group.id());
        awaitParticipants("15556660002", ParticipantChange.LEAVE, ChatId.of("15556660003@c.us"));

        ann.leave(group.id());
        awaitGroupChanged("15556660001", GroupChange.LEAVE, group.id());
        awaitParticipants("15556660002", ParticipantChange.LEAVE, ChatId.of("15556660001@c.us"));
    }

    @Test
    void whenTheLastAdminLeavesTheNewAdminIsAnnounced() {
        var ann = sessions.get("15556660001").groups();
        var group = ann.create("Succession", List.of(ChatId.of("15556660003@c.us"), ChatId.of("15556660002@c.us")), Optional.empty());
        ann.leave(group.id());
        awaitParticipants("15556660002", ParticipantChange.PROMOTE, ChatId.of("15556660003@c.us"));
        assertThat(sessions.get("15556660002").groups().get(group.id()).participants())
                .contains(new GroupInfo.Participant(ChatId.of("15556660003@c.us"), GroupInfo.Role.ADMIN));
    }

    @Test
    void deletingTellsEveryMember() {
        var ann = sessions.get("15556660001").groups();
        var group = ann.create("Gone", List.of(ChatId.of("15556660002@c.us"), ChatId.of("15556660003@c.us")), Optional.empty());
        ann.delete(group.id());
        for (var member : List.of("15556660001", "15556660002", "15556660003")) {
            awaitGroupChanged(member, GroupChange.LEAVE, group.id());
        }
        assertThat(sessions.get("15556660002").groups().list()).isEmpty();
    }

    private void awaitGroupChanged(String number, GroupChange change, ChatId groupId) {
        await().until(() -> events.get(number).stream().anyMatch(e -> e instanceof EngineEvent.GroupChanged c
                && c.change() == change && c.group().id().equals(groupId)));
    }

    private void awaitParticipants(String number, ParticipantChange change, ChatId participant) {
        await().until(() -> events.get(number).stream().anyMatch(e -> e instanceof EngineEvent.GroupParticipantsChanged p
                && p.change() == change && p.participants().stream().anyMatch(x -> x.id().equals(participant))));
    }
}
