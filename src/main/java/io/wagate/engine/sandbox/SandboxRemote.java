package io.wagate.engine.sandbox;

import io.wagate.engine.SandboxWire;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode: the part of the sandbox network on other nodes. A message for a number no session of this node
 * holds is kept in transit in the store (with the sender's copy, as for one here) and the nodes are woken; the
 * node whose session holds the number picks it up from the store, at the wake-up or when it takes the session
 * (so a message sent while the recipient's node was dead arrives once another node runs it). Acks, receipts and
 * changes (edits, reactions, group news) go as payloads on the {@link SandboxWire} and reach the recipient if its
 * node is up. Without a wire (a single node) nothing of this is used.
 */
final class SandboxRemote {
    private static final Logger log = LoggerFactory.getLogger(SandboxRemote.class);
    /** Messages picked up from the store lately, so that a second wake-up before their rows go does not repeat them. */
    private static final int PICKED_KEPT = 10_000;

    enum Kind { WAKE, ACK, WAITING, CHANGE, GROUP_DELIVERED, GROUP_READ }

    /** What travels on the wire: for {@code to}'s session (or, for group receipts, whoever tracks them). */
    record Signal(Kind kind, String to, MessageKey key, Ack ack, EngineEvent change, String member, List<String> ids) {}

    /** Engine events travel by their record's name. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@event")
    private interface Typed {}

    private final Optional<SandboxWire> wire;
    private final ObjectMapper json;
    private final InTransit transit;
    private final Executor delivery;
    private final Map<String, Boolean> picked = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > PICKED_KEPT;
        }
    };
    private SandboxNetwork network;

    SandboxRemote(Optional<SandboxWire> wire, ObjectMapper json, InTransit transit, Executor delivery) {
        this.wire = wire;
        this.transit = transit;
        this.delivery = delivery;
        this.json = json.copy().addMixIn(EngineEvent.class, Typed.class);
        this.json.registerSubtypes(Arrays.stream(EngineEvent.class.getPermittedSubclasses())
                .map(type -> new NamedType(type, type.getSimpleName())).toArray(NamedType[]::new));
    }

    /** Starts hearing the other nodes, on behalf of {@code here}. */
    void attach(SandboxNetwork here) {
        this.network = here;
        wire.ifPresent(w -> w.subscribe(payload -> delivery.execute(() -> heard(payload))));
    }

    boolean enabled() {
        return wire.isPresent();
    }

    /** A number a session of another node is linked to (never true on a single node). */
    boolean linkedElsewhere(String number) {
        return wire.isPresent() && network.sessionOf(number).isEmpty() && wire.get().linked(number);
    }

    /** The session of another node holding {@code number}, as far as this node can tell it something. */
    Optional<SandboxPeer> reach(String number) {
        if (wire.isEmpty() || number == null || SandboxNetwork.isVirtual(number)) {
            return Optional.empty();
        }
        return Optional.of(new SandboxPeer() {
            @Override
            public void acknowledge(MessageKey key, Ack ack) {
                publish(new Signal(Kind.ACK, number, key, ack, null, null, null));
            }

            @Override
            public void waiting(MessageKey key) {
                publish(new Signal(Kind.WAITING, number, key, null, null, null, null));
            }

            @Override
            public void applyChange(EngineEvent change) {
                publish(new Signal(Kind.CHANGE, number, null, null, change, null, null));
            }
        });
    }

    /** Keeps {@code copy} (a group member's, for another node) in the store and wakes that member's node. */
    void sendAway(String recipient, EngineMessage copy) {
        transit.hold(recipient, copy).thenRun(() -> wake(recipient));
    }

    /** A message for {@code recipient} is in the store (committed): its node picks it up. */
    void wake(String recipient) {
        publish(new Signal(Kind.WAKE, recipient, null, null, null, null, null));
    }

    /** A group member's device has a message: the sender's node counts it, wherever that is. */
    void groupDelivered(String member, String messageId) {
        publish(new Signal(Kind.GROUP_DELIVERED, null, null, null, null, member, List.of(messageId)));
    }

    void groupRead(String reader, List<String> messageIds) {
        publish(new Signal(Kind.GROUP_READ, null, null, null, null, reader, messageIds));
    }

    /** On the delivery thread: a session of this node now holds {@code number}; what waits in the store is its. */
    void pickUp(String number) {
        if (wire.isEmpty() || network.sessionOf(number).isEmpty()) {
            return;
        }
        List<EngineMessage> held;
        try {
            held = transit.of(number);
        } catch (RuntimeException e) {
            log.warn("sandbox messages in transit to {} could not be read (picked up at the next wake-up): {}",
                    number, e.toString());
            return;
        }
        for (var incoming : held) {
            if (picked.putIfAbsent(number + "/" + incoming.key().id(), Boolean.TRUE) == null) {
                network.arrived(number, incoming);
            }
        }
    }

    /** This node no longer holds {@code number}: what it had not handed over stays in the store for the next. */
    void released(String number) {
        picked.keySet().removeIf(key -> key.startsWith(number + "/"));
    }

    private void publish(Signal signal) {
        if (wire.isEmpty()) {
            return;
        }
        String payload;
        try {
            payload = json.writeValueAsString(signal);
        } catch (JsonProcessingException e) {
            log.warn("a sandbox {} could not be sent to the other nodes: {}", signal.kind(), e.toString());
            return;
        }
        if (payload.getBytes(StandardCharsets.UTF_8).length > wire.get().maxPayload()) {
            log.debug("a sandbox {} for {} is too large for the other nodes", signal.kind(), signal.to());
            return;
        }
        wire.get().publish(payload);
    }

    /** On the delivery thread. */
    private void heard(String payload) {
        Signal signal;
        try {
            signal = json.readValue(payload, Signal.class);
        } catch (JsonProcessingException e) {
            log.warn("a sandbox signal from another node could not be read: {}", e.toString());
            return;
        }
        switch (signal.kind()) {
            case WAKE -> pickUp(signal.to());
            case ACK -> network.sessionOf(signal.to()).ifPresent(s -> s.acknowledge(signal.key(), signal.ack()));
            case WAITING -> network.sessionOf(signal.to()).ifPresent(s -> s.waiting(signal.key()));
            case CHANGE -> network.sessionOf(signal.to()).ifPresent(s -> s.applyChange(signal.change()));
            case GROUP_DELIVERED -> network.groupDeliveredHere(signal.member(), signal.ids().getFirst());
            case GROUP_READ -> network.groupReadHere(signal.member(), signal.ids());
        }
    }
}
