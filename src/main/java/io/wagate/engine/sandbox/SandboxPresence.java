package io.wagate.engine.sandbox;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineSession.PresenceState;
import io.wagate.ids.ChatId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Presence on the sandbox network. Rules: typing, recording and paused go to the chat partner
 * directly; online and offline go to the sessions that subscribed to that number, and a new
 * subscriber hears the number's last known presence at once. Virtual contacts are always online.
 */
final class SandboxPresence {
    private record Known(String presence, Optional<Instant> lastSeen) {}

    private final SandboxNetwork network;
    private final Executor delivery;
    private final Clock clock;
    /** Subscriber numbers by the number they watch. */
    private final Map<String, Set<String>> watchers = new ConcurrentHashMap<>();
    private final Map<String, Known> lastGlobal = new ConcurrentHashMap<>();

    SandboxPresence(SandboxNetwork network, Executor delivery, Clock clock) {
        this.network = network;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** {@code number} set its presence: globally, or in the personal chat with {@code partner}. */
    void set(String number, PresenceState state, Optional<String> partner) {
        String presence = state.name().toLowerCase();
        if (partner.isPresent()) {
            tell(partner.get(), number, presence, Optional.empty());
            return;
        }
        var lastSeen = state == PresenceState.OFFLINE ? Optional.of(clock.instant()) : Optional.<Instant>empty();
        lastGlobal.put(number, new Known(presence, lastSeen));
        watchers.getOrDefault(number, Set.of()).forEach(watcher -> tell(watcher, number, presence, lastSeen));
    }

    void subscribe(String watcher, String watched) {
        watchers.computeIfAbsent(watched, n -> ConcurrentHashMap.newKeySet()).add(watcher);
        var known = SandboxNetwork.isVirtual(watched) ? new Known("online", Optional.empty()) : lastGlobal.get(watched);
        if (known != null) {
            tell(watcher, watched, known.presence(), known.lastSeen());
        }
    }

    private void tell(String listener, String about, String presence, Optional<Instant> lastSeen) {
        delivery.execute(() -> network.reach(listener).ifPresent(session -> session.applyChange(
                new EngineEvent.PresenceUpdated(ChatId.ofPhone(about),
                        List.of(new EngineEvent.Presence(ChatId.ofPhone(about), presence, lastSeen))))));
    }
}
