package io.wagate.presence;

import io.wagate.account.Principal;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.SessionStatus;
import io.wagate.engine.EngineSession.PresenceState;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.session.SessionService;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Setting the session's presence (online, offline, typing in a chat…) and remembering what it
 * learned of others'. What was learned lives in memory: presence is stale after a restart anyway.
 */
public final class PresenceService implements SessionService.SessionEventListener {
    public record Presence(ChatId participant, String lastKnownPresence, Long lastSeen) {}

    public record ChatPresence(ChatId id, List<Presence> presences) {}

    private final SessionService sessions;
    /** Latest presences by session id, then chat id. */
    private final Map<String, Map<ChatId, ChatPresence>> known = new ConcurrentHashMap<>();

    public PresenceService(SessionService sessions) {
        this.sessions = sessions;
    }

    public void set(Principal principal, String sessionName, String rawPresence, String rawChatId) {
        var session = sessions.get(principal, sessionName);
        var presence = parse(rawPresence);
        boolean inChat = presence == PresenceState.TYPING || presence == PresenceState.RECORDING
                || presence == PresenceState.PAUSED;
        if (inChat && rawChatId == null) {
            throw ApiException.badRequest("chatId is required with presence " + rawPresence);
        }
        if (!inChat && rawChatId != null) {
            throw ApiException.badRequest("chatId goes only with typing, recording or paused; online and offline "
                    + "are for the whole account");
        }
        var chatId = Optional.ofNullable(rawChatId).map(id -> ChatId.parse(id, "chatId"));
        sessions.runWithEngine(session, engine -> engine.setPresence(presence, chatId));
    }

    public void subscribe(Principal principal, String sessionName, String rawChatId) {
        var session = sessions.get(principal, sessionName);
        ChatId chatId = ChatId.parse(rawChatId, "chatId");
        sessions.runWithEngine(session, engine -> engine.subscribePresence(chatId));
    }

    public List<ChatPresence> all(Principal principal, String sessionName) {
        var session = sessions.get(principal, sessionName);
        return known.getOrDefault(session.id(), Map.of()).values().stream()
                .sorted(Comparator.comparing(ChatPresence::id)).toList();
    }

    /** What the session knows of one chat's presence; no presences when it knows nothing yet. */
    public ChatPresence of(Principal principal, String sessionName, String rawChatId) {
        var session = sessions.get(principal, sessionName);
        ChatId chatId = ChatId.parse(rawChatId, "chatId");
        return known.getOrDefault(session.id(), Map.of()).getOrDefault(chatId, new ChatPresence(chatId, List.of()));
    }

    /** Presences are what a connected session hears; a session that stops (or is deleted) forgets them. */
    @Override
    public void onEvent(String sessionId, EngineEvent event) {
        if (event instanceof EngineEvent.PresenceUpdated update) {
            known.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>()).put(update.chatId(), of(update));
        } else if (event instanceof EngineEvent.StatusChanged change && change.status() != SessionStatus.WORKING) {
            known.remove(sessionId);
        }
    }

    /** The client shape of a presence report: for the presence API and the presence.update event alike. */
    public static ChatPresence of(EngineEvent.PresenceUpdated update) {
        var presences = update.presences().stream().map(p -> new Presence(p.participant(), p.lastKnownPresence(),
                p.lastSeen().map(Instant::getEpochSecond).orElse(null))).toList();
        return new ChatPresence(update.chatId(), presences);
    }

    private static PresenceState parse(String raw) {
        return Arrays.stream(PresenceState.values()).filter(p -> p.name().equalsIgnoreCase(raw == null ? "" : raw))
                .findFirst().orElseThrow(() -> ApiException.badRequest(
                        "presence must be one of online, offline, typing, recording, paused"));
    }
}
