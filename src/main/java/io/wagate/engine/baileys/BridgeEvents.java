package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.GroupInfo;
import io.wagate.engine.Me;
import io.wagate.engine.SendError;
import io.wagate.engine.SessionStatus;
import io.wagate.ids.ChatId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bridge's events (bridge/src/events.js and session.js) as engine events; unknown kinds become Raw. */
final class BridgeEvents {
    private final ObjectMapper mapper;
    private final Path mediaDir;

    BridgeEvents(ObjectMapper mapper, Path mediaDir) {
        this.mapper = mapper;
        this.mediaDir = mediaDir;
    }

    Path mediaDir() {
        return mediaDir;
    }

    /** An event naming a chat outside wagate's forms (a broadcast list, a bot) is passed on as raw only. */
    EngineEvent toEvent(JsonNode e) {
        String type = e.path("type").asText();
        try {
            return typed(type, e);
        } catch (IllegalArgumentException notOurs) {
            return raw(type.isEmpty() ? "unknown" : type, e);
        }
    }

    private EngineEvent typed(String type, JsonNode e) {
        return switch (type) {
            case "status" -> new EngineEvent.StatusChanged(
                    BridgeJson.enumOr(SessionStatus.class, e.path("status").asText(), SessionStatus.STARTING),
                    me(e.get("me")), BridgeJson.text(e, "reason"));
            case "qr" -> new EngineEvent.QrCodeChanged(e.path("value").asText());
            case "message" -> new EngineEvent.MessageAdded(message(e.path("message")));
            case "ack" -> new EngineEvent.MessageAcked(BridgeJson.key(e.path("key")), BridgeJson.id(e, "from"),
                    BridgeJson.id(e, "to"), BridgeJson.enumOr(Ack.class, e.path("ack").asText(), Ack.SERVER),
                    BridgeJson.optionalId(e, "reader"), sendError(e.path("error")));
            case "waiting" -> new EngineEvent.MessageWaiting(BridgeJson.key(e.path("key")), BridgeJson.text(e, "reason"));
            case "reaction" -> new EngineEvent.ReactionReceived(BridgeJson.key(e.path("key")), BridgeJson.id(e, "from"),
                    BridgeJson.id(e, "to"), BridgeJson.key(e.path("target")), e.path("text").asText(""),
                    instant(e.path("timestamp")));
            case "revoked" -> new EngineEvent.MessageRevoked(BridgeJson.key(e.path("revoked")),
                    message(e.path("after")), Optional.empty());
            case "edited" -> new EngineEvent.MessageEdited(BridgeJson.key(e.path("edited")), message(e.path("message")));
            case "poll.vote" -> new EngineEvent.PollVoted(BridgeJson.key(e.path("vote")), BridgeJson.id(e, "from"),
                    BridgeJson.id(e, "to"), BridgeJson.key(e.path("poll")), BridgeJson.strings(e.path("selectedOptions")),
                    instant(e.path("timestamp")));
            case "poll.vote.failed" -> new EngineEvent.PollVoteFailed(BridgeJson.key(e.path("vote")),
                    BridgeJson.id(e, "from"), BridgeJson.key(e.path("poll")), e.path("reason").asText(""));
            case "presence" -> new EngineEvent.PresenceUpdated(BridgeJson.id(e, "chatId"), presences(e.path("presences")));
            case "group" -> new EngineEvent.GroupChanged(
                    BridgeJson.enumOr(EngineEvent.GroupChange.class, e.path("change").asText(), EngineEvent.GroupChange.UPDATE),
                    BridgeJson.group(e.path("group")), instant(e.path("timestamp")));
            case "group.participants" -> new EngineEvent.GroupParticipantsChanged(BridgeJson.id(e, "groupId"),
                    BridgeJson.enumOr(EngineEvent.ParticipantChange.class, e.path("change").asText(),
                            EngineEvent.ParticipantChange.JOIN),
                    participants(e.path("participants")), instant(e.path("timestamp")));
            case "call" -> new EngineEvent.Call(
                    BridgeJson.enumOr(EngineEvent.CallState.class, e.path("state").asText(), EngineEvent.CallState.RECEIVED),
                    e.path("callId").asText(), BridgeJson.id(e, "from"), e.path("video").asBoolean(),
                    e.path("group").asBoolean(), instant(e.path("timestamp")));
            case "chat.archive" -> new EngineEvent.ChatArchived(BridgeJson.id(e, "chatId"), e.path("archived").asBoolean(),
                    instant(e.path("timestamp")));
            case "message.pin" -> new EngineEvent.MessagePinned(BridgeJson.key(e.path("target")), BridgeJson.id(e, "by"),
                    e.path("pinned").asBoolean(), e.path("duration").asInt(), instant(e.path("timestamp")));
            case "chat.state" -> new EngineEvent.ChatStateChanged(BridgeJson.id(e, "chatId"), chatState(e),
                    instant(e.path("timestamp")));
            case "chat.deleted" -> new EngineEvent.ChatDeleted(BridgeJson.id(e, "chatId"), instant(e.path("timestamp")));
            case "label.upsert" -> new EngineEvent.LabelUpserted(label(e.path("label")));
            case "label.deleted" -> new EngineEvent.LabelDeleted(label(e.path("label")));
            case "label.chat" -> new EngineEvent.LabelChat(e.path("labelId").asText(), BridgeJson.id(e, "chatId"),
                    e.path("added").asBoolean());
            case "event.response" -> new EngineEvent.EventResponse(BridgeJson.key(e.path("response")),
                    BridgeJson.key(e.path("event")), BridgeJson.id(e, "from"), e.path("answer").asText(),
                    e.path("failed").asBoolean(), instant(e.path("timestamp")));
            case "restrictions" -> new EngineEvent.RestrictionsChanged(restrictions(e.path("restrictions")));
            case "contacts" -> new EngineEvent.ContactsUpdated(BaileysContacts.contacts(e.path("contacts")));
            case "reconnecting" -> raw("session.reconnecting", e);
            case "raw" -> raw(e.path("name").asText("unknown"), e.path("data"));
            default -> raw(type.isEmpty() ? "unknown" : type, e);
        };
    }

    /** What a chat.state names: each field only when the bridge sent it (unchanged otherwise). */
    private static EngineEvent.ChatState chatState(JsonNode e) {
        return new EngineEvent.ChatState(
                e.hasNonNull("name") ? Optional.of(e.path("name").asText()) : Optional.empty(),
                e.has("archived") ? Optional.of(e.path("archived").asBoolean()) : Optional.empty(),
                e.has("pinned") ? Optional.of(e.path("pinned").asBoolean()) : Optional.empty(),
                e.has("mutedUntil") ? Optional.of(e.path("mutedUntil").asLong()) : Optional.empty(),
                e.has("unreadCount") ? Optional.of(e.path("unreadCount").asInt()) : Optional.empty(),
                e.hasNonNull("lastMessageAt") ? Optional.of(Instant.ofEpochMilli(e.path("lastMessageAt").asLong()))
                        : Optional.empty(),
                e.has("disappearing") ? Optional.of(e.path("disappearing").asInt()) : Optional.empty());
    }

    private EngineEvent.Raw raw(String name, JsonNode data) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = data.isObject() ? mapper.convertValue(data, Map.class) : Map.of("value",
                mapper.convertValue(data, Object.class) == null ? "" : mapper.convertValue(data, Object.class));
        return new EngineEvent.Raw(name, map);
    }

    /** A message the bridge answered with (a send or an edit). */
    io.wagate.engine.EngineMessage toMessage(JsonNode node) {
        return message(node);
    }

    /** The bridge's answer to media.download: its file must lie in the media directory, else it is not taken. */
    io.wagate.engine.EngineSession.DownloadedMedia toDownloaded(JsonNode node) {
        Path path = Path.of(node.path("path").asText("")).toAbsolutePath().normalize();
        if (!node.path("path").isTextual() || !path.startsWith(mediaDir.toAbsolutePath().normalize())) {
            throw new IllegalStateException("the bridge downloaded media outside its media directory: " + path);
        }
        return new io.wagate.engine.EngineSession.DownloadedMedia(path, node.path("size").asLong(),
                BridgeJson.text(node, "ref"));
    }

    private io.wagate.engine.EngineMessage message(JsonNode node) {
        return BridgeJson.message(node, mediaDir);
    }

    private static Optional<Me> me(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Me(BridgeJson.id(node, "id"), node.path("pushName").asText(""),
                BridgeJson.optionalId(node, "lid").orElse(null)));
    }

    /** The bridge's restrictions event: times in epoch milliseconds, a part absent when WhatsApp said nothing of it. */
    private static io.wagate.engine.Restrictions restrictions(JsonNode node) {
        JsonNode lock = node.path("reachoutTimelock");
        JsonNode cap = node.path("newChatCap");
        return new io.wagate.engine.Restrictions(
                lock.isObject() ? new io.wagate.engine.Restrictions.ReachoutTimelock(lock.path("active").asBoolean(),
                        optionalInstant(lock.path("until")), lock.path("enforcementType").asText("DEFAULT")) : null,
                cap.isObject() ? new io.wagate.engine.Restrictions.NewChatCap(cap.path("status").asText(null),
                        cap.path("used").canConvertToInt() ? cap.path("used").asInt() : null,
                        cap.path("total").canConvertToInt() ? cap.path("total").asInt() : null,
                        optionalInstant(cap.path("cycleEndsAt"))) : null);
    }

    private static Instant optionalInstant(JsonNode millis) {
        return millis.canConvertToLong() && millis.asLong() > 0 ? Instant.ofEpochMilli(millis.asLong()) : null;
    }

    private static Optional<SendError> sendError(JsonNode node) {
        return node.isObject() ? Optional.of(new SendError(node.path("code").asText("unknown"),
                node.path("reason").asText(""))) : Optional.empty();
    }

    private static List<EngineEvent.Presence> presences(JsonNode array) {
        var out = new ArrayList<EngineEvent.Presence>();
        array.forEach(p -> out.add(new EngineEvent.Presence(BridgeJson.id(p, "participant"),
                p.path("lastKnownPresence").asText(),
                p.hasNonNull("lastSeen") ? Optional.of(Instant.ofEpochMilli(p.path("lastSeen").asLong()))
                        : Optional.empty())));
        return List.copyOf(out);
    }

    private static List<GroupInfo.Participant> participants(JsonNode array) {
        var out = new ArrayList<GroupInfo.Participant>();
        array.forEach(p -> out.add(BridgeJson.participant(p)));
        return List.copyOf(out);
    }

    private static EngineEvent.Label label(JsonNode node) {
        return new EngineEvent.Label(node.path("id").asText(), node.path("name").asText(""), node.path("color").asInt());
    }

    private static Instant instant(JsonNode millis) {
        return millis.canConvertToLong() && millis.asLong() > 0 ? Instant.ofEpochMilli(millis.asLong()) : Instant.now();
    }
}
