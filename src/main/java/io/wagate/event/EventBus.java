package io.wagate.event;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.Me;
import io.wagate.event.EventPayloads.Named;
import io.wagate.ids.ChatId;
import io.wagate.ids.Ulid;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns engine events into the public events (README "Webhooks") and hands each to every subscriber, on the
 * engine's thread and in the engine's order. Registered after the features that store what
 * sessions report, so a {@code message} event names a message that is already stored.
 */
public final class EventBus implements SessionService.SessionEventListener {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private static final int STATUS_HISTORY = 3;

    private final SessionService sessions;
    private final Ulid ids;
    private final Clock clock;
    private final List<EventSubscriber> subscribers = new CopyOnWriteArrayList<>();
    /** The last statuses of each session since start-up, newest last, for {@code session.status}. */
    private final Map<String, Deque<EventPayloads.StatusAt>> statusHistory = new ConcurrentHashMap<>();

    public EventBus(SessionService sessions, Ulid ids, Clock clock) {
        this.sessions = sessions;
        this.ids = ids;
        this.clock = clock;
    }

    /** Wired once at start-up. */
    public void subscribe(EventSubscriber subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public void onEvent(String sessionId, EngineEvent engineEvent) {
        if (subscribers.isEmpty()) {
            return;
        }
        var session = sessions.byId(sessionId);
        if (session.isEmpty()) {
            return; // deleted meanwhile: nobody may hear of it any more
        }
        var source = Event.Source.of(session.get());
        var events = new ArrayList<Event>();
        for (var named : map(session.get(), engineEvent)) {
            events.add(new Event(ids.next("evt"), clock.instant(), named.name(), source, named.chatId(),
                    named.payload()));
        }
        if (!events.isEmpty()) {
            publish(events);
        }
    }

    /** Hands one event to every subscriber; one failing does not keep it from the others. */
    public void publish(Event event) {
        publish(List.of(event));
    }

    /** Hands the events of one engine event to every subscriber together, in order. */
    public void publish(List<Event> events) {
        RuntimeException first = null;
        for (var subscriber : subscribers) {
            try {
                subscriber.onEvents(events);
            } catch (RuntimeException e) {
                var event = events.getFirst();
                log.error("event {} ({}) of session {} was not handled by {}", event.id(), event.name().wire(),
                        event.session().name(), subscriber.getClass().getSimpleName(), e);
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private List<Named> map(Session session, EngineEvent event) {
        String name = session.name();
        ChatId meId = session.me().map(Me::id).orElse(null);
        return switch (event) {
            case EngineEvent.StatusChanged change -> List.of(none(EventName.SESSION_STATUS, status(session, change)));
            case EngineEvent.QrCodeChanged ignored -> List.of(); // the SCAN_QR_CODE status that follows says it
            case EngineEvent.MessageAdded added -> {
                var message = EventPayloads.message(added.message(), name);
                var chat = Optional.of(added.message().key().chatId());
                var any = new Named(EventName.MESSAGE_ANY, chat, message);
                if (added.message().key().chatId().isStatus() && !message.fromMe()) {
                    // WAHA's users hear others' statuses as messages of status@broadcast; ours may ask for them alone
                    yield List.of(new Named(EventName.MESSAGE, chat, message), any,
                            new Named(EventName.STATUS_RECEIVED, chat, message));
                }
                yield message.fromMe() ? List.of(any) : List.of(new Named(EventName.MESSAGE, chat, message), any);
            }
            case EngineEvent.MessageAcked acked -> List.of(chat(EventName.MESSAGE_ACK, acked.key().chatId(),
                    EventPayloads.ack(acked)));
            case EngineEvent.MessageWaiting waiting -> List.of(chat(EventName.MESSAGE_WAITING,
                    waiting.key().chatId(), new EventPayloads.Waiting(waiting.key().serialized(),
                            waiting.key().chatId(), waiting.key().fromMe(), waiting.undecryptable().orElse(null))));
            case EngineEvent.ReactionReceived reaction -> List.of(chat(EventName.MESSAGE_REACTION,
                    reaction.target().chatId(), EventPayloads.reaction(reaction)));
            case EngineEvent.MessageRevoked revoked -> List.of(chat(EventName.MESSAGE_REVOKED,
                    revoked.revoked().chatId(), EventPayloads.revoked(revoked, name)));
            case EngineEvent.MessageEdited edited -> List.of(chat(EventName.MESSAGE_EDITED,
                    edited.edited().chatId(), EventPayloads.edited(edited, name)));
            case EngineEvent.ChatArchived archived -> List.of(chat(EventName.CHAT_ARCHIVE, archived.chatId(),
                    new EventPayloads.ChatArchive(archived.chatId(), archived.archived(),
                            EventPayloads.seconds(archived.timestamp()))));
            // kept in the chat list only: WhatsApp's peers publish no event for a pin, mute, mark or delete either
            case EngineEvent.MessagePinned pin -> List.of(chat(EventName.MESSAGE_PIN, pin.target().chatId(),
                    new EventPayloads.MessagePin(pin.target().serialized(), pin.target().chatId(), pin.by(),
                            pin.pinned(), pin.pinned() ? pin.durationSeconds() : 0,
                            EventPayloads.seconds(pin.timestamp()))));
            case EngineEvent.ChatStateChanged ignored -> List.of();
            case EngineEvent.ChatDeleted ignored -> List.of();
            case EngineEvent.PresenceUpdated presence -> List.of(chat(EventName.PRESENCE_UPDATE, presence.chatId(),
                    EventPayloads.presence(presence)));
            case EngineEvent.PollVoted voted -> List.of(chat(EventName.POLL_VOTE, voted.poll().chatId(),
                    EventPayloads.pollVote(voted, meId)));
            case EngineEvent.PollVoteFailed failed -> List.of(chat(EventName.POLL_VOTE_FAILED,
                    failed.poll().chatId(), EventPayloads.pollVoteFailed(failed, meId)));
            case EngineEvent.GroupChanged changed -> groupChanged(changed);
            case EngineEvent.GroupParticipantsChanged changed -> List.of(chat(EventName.GROUP_V2_PARTICIPANTS,
                    changed.groupId(), EventPayloads.participants(changed)));
            case EngineEvent.Call call -> List.of(chat(switch (call.state()) {
                case RECEIVED -> EventName.CALL_RECEIVED;
                case ACCEPTED -> EventName.CALL_ACCEPTED;
                case REJECTED -> EventName.CALL_REJECTED;
            }, call.from(), EventPayloads.call(call)));
            case EngineEvent.LabelUpserted upserted -> List.of(none(EventName.LABEL_UPSERT,
                    EventPayloads.label(upserted.label())));
            case EngineEvent.LabelDeleted deleted -> List.of(none(EventName.LABEL_DELETED,
                    EventPayloads.label(deleted.label())));
            case EngineEvent.LabelChat labelChat -> List.of(chat(labelChat.added() ? EventName.LABEL_CHAT_ADDED
                    : EventName.LABEL_CHAT_DELETED, labelChat.chatId(),
                    new EventPayloads.LabelChat(labelChat.labelId(), labelChat.chatId())));
            case EngineEvent.EventResponse response -> List.of(chat(response.failed()
                    ? EventName.EVENT_RESPONSE_FAILED : EventName.EVENT_RESPONSE, response.event().chatId(),
                    EventPayloads.eventResponse(response)));
            // Shown on the session (me.restrictions) and in every envelope's me from now on.
            case EngineEvent.RestrictionsChanged ignored -> List.of();
            case EngineEvent.PushNameChanged ignored -> List.of();
            case EngineEvent.ContactsUpdated ignored -> List.of();
            case EngineEvent.Raw raw -> List.of(none(EventName.ENGINE_EVENT,
                    new EventPayloads.EngineRaw(raw.type(), raw.data())));
        };
    }

    /** WhatsApp's group events come as the v2 names and, for joins and leaves, the legacy ones too. */
    private static List<Named> groupChanged(EngineEvent.GroupChanged changed) {
        var payload = EventPayloads.group(changed.group(), changed.timestamp());
        ChatId chat = changed.group().id();
        return switch (changed.change()) {
            case JOIN -> List.of(chat(EventName.GROUP_V2_JOIN, chat, payload), chat(EventName.GROUP_JOIN, chat, payload));
            case LEAVE -> List.of(chat(EventName.GROUP_V2_LEAVE, chat, payload),
                    chat(EventName.GROUP_LEAVE, chat, payload));
            case UPDATE -> List.of(chat(EventName.GROUP_V2_UPDATE, chat, payload));
        };
    }

    private EventPayloads.SessionStatus status(Session session, EngineEvent.StatusChanged change) {
        var history = statusHistory.computeIfAbsent(session.id(), id -> new ArrayDeque<>());
        List<EventPayloads.StatusAt> last;
        synchronized (history) {
            history.addLast(new EventPayloads.StatusAt(change.status().name(), clock.millis()));
            while (history.size() > STATUS_HISTORY) {
                history.removeFirst();
            }
            last = new ArrayList<>(history);
        }
        return new EventPayloads.SessionStatus(session.name(), change.status().name(), last,
                change.failureReason().orElse(null));
    }

    private static Named chat(EventName name, ChatId chatId, Object payload) {
        return new Named(name, Optional.ofNullable(chatId), payload);
    }

    private static Named none(EventName name, Object payload) {
        return new Named(name, Optional.empty(), payload);
    }
}
