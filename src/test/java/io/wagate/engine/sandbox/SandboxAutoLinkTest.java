package io.wagate.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.config.Config;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineSessionContext;
import io.wagate.engine.SessionStatus;
import io.wagate.ids.ChatId;
import io.wagate.support.MemoryAuth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session that links by itself to a number another sandbox session holds takes the next free number. */
class SandboxAutoLinkTest {

    @Test
    void aTakenNumberMovesTheSelfLinkingSessionToTheNextFreeOne(@TempDir Path spool) {
        var engine = new SandboxEngine(new Config.SandboxConfig(Duration.ofMillis(300), Duration.ofSeconds(20), 5),
                Clock.systemUTC(), spool);
        try {
            String derived = SandboxIds.numberFor("ses_late");
            var holder = engine.open(new EngineSessionContext("ses_holder", "holder", new MemoryAuth(), e -> { }));
            holder.start();
            holder.requestPairingCode(derived);
            String next = SandboxIds.numberAfter(derived);
            var other = engine.open(new EngineSessionContext("ses_other", "other", new MemoryAuth(), e -> { }));
            other.start();
            other.requestPairingCode(next);

            var events = new CopyOnWriteArrayList<EngineEvent>();
            var late = engine.open(new EngineSessionContext("ses_late", "late", new MemoryAuth(), events::add));
            late.start();
            var working = await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                    .filter(e -> e instanceof EngineEvent.StatusChanged s && s.status() == SessionStatus.WORKING)
                    .map(e -> (EngineEvent.StatusChanged) e).findFirst(), Optional::isPresent).orElseThrow();
            assertThat(working.me().orElseThrow().id()).isEqualTo(ChatId.ofPhone(SandboxIds.numberAfter(next)));
            assertThat(events).noneMatch(e -> e instanceof EngineEvent.StatusChanged s && s.status() == SessionStatus.FAILED);
            assertThat(List.of(derived, next)).doesNotContain(SandboxIds.numberAfter(next));
        } finally {
            engine.close();
        }
    }

    @Test
    void theLastNumberIsFollowedByTheFirst() {
        assertThat(SandboxIds.numberAfter("15559999999")).isEqualTo("15551000000");
        assertThat(SandboxIds.numberAfter("15551234567")).isEqualTo("15551234568");
    }
}
