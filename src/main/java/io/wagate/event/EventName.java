package io.wagate.event;

import io.wagate.error.ApiException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The 30 event names subscribers can ask for (README "Webhooks"), as they name them. */
public enum EventName {
    SESSION_STATUS("session.status"),
    MESSAGE("message"),
    MESSAGE_ANY("message.any"),
    MESSAGE_REACTION("message.reaction"),
    MESSAGE_ACK("message.ack"),
    MESSAGE_WAITING("message.waiting"),
    MESSAGE_REVOKED("message.revoked"),
    MESSAGE_EDITED("message.edited"),
    MESSAGE_PIN("message.pin"),
    CHAT_ARCHIVE("chat.archive"),
    GROUP_V2_JOIN("group.v2.join"),
    GROUP_V2_LEAVE("group.v2.leave"),
    GROUP_V2_UPDATE("group.v2.update"),
    GROUP_V2_PARTICIPANTS("group.v2.participants"),
    GROUP_JOIN("group.join"),
    GROUP_LEAVE("group.leave"),
    PRESENCE_UPDATE("presence.update"),
    POLL_VOTE("poll.vote"),
    POLL_VOTE_FAILED("poll.vote.failed"),
    CALL_RECEIVED("call.received"),
    CALL_ACCEPTED("call.accepted"),
    CALL_REJECTED("call.rejected"),
    LABEL_UPSERT("label.upsert"),
    LABEL_DELETED("label.deleted"),
    LABEL_CHAT_ADDED("label.chat.added"),
    LABEL_CHAT_DELETED("label.chat.deleted"),
    EVENT_RESPONSE("event.response"),
    EVENT_RESPONSE_FAILED("event.response.failed"),
    STATUS_RECEIVED("status.received"),
    ENGINE_EVENT("engine.event");

    /** Subscribes to every event name. */
    public static final String ALL = "*";
    /** What a subscription without {@code events} receives. */
    public static final List<String> DEFAULT_SUBSCRIPTION = List.of("message");

    private static final Map<String, EventName> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventName::wire, Function.identity()));

    private final String wire;

    EventName(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(EventName::wire).toList();
    }

    /**
     * The names a subscription asks for: the default when none are given, every name for {@code *}.
     * An unknown name is a 400 that lists the valid ones.
     */
    public static Set<EventName> parseAll(List<String> names, String field) {
        var given = names == null || names.isEmpty() ? DEFAULT_SUBSCRIPTION : names;
        var parsed = EnumSet.noneOf(EventName.class);
        for (String name : given) {
            if (ALL.equals(name)) {
                return EnumSet.allOf(EventName.class);
            }
            var known = BY_WIRE.get(name);
            if (known == null) {
                throw ApiException.badRequest(field + " has an unknown event '" + name + "'; valid: " + ALL + ", "
                        + String.join(", ", wireNames()));
            }
            parsed.add(known);
        }
        return parsed;
    }
}
