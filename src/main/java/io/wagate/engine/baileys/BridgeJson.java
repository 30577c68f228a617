package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.engine.Ack;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.GroupInfo;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import io.wagate.ids.ChatId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shapes that cross the pipe (see bridge/src/messages.js and commands.js), to and from engine types. */
final class BridgeJson {
    private BridgeJson() {}

    static Map<String, Object> key(MessageKey key) {
        var out = new LinkedHashMap<String, Object>();
        out.put("chatId", key.chatId());
        out.put("fromMe", key.fromMe());
        out.put("id", key.id());
        key.participant().ifPresent(p -> out.put("participant", p));
        return out;
    }

    static MessageKey key(JsonNode node) {
        return new MessageKey(id(node, "chatId"), node.path("fromMe").asBoolean(), node.path("id").asText(),
                optionalId(node, "participant"));
    }

    /**
     * A chat id the bridge wrote (bridge/src/ids.js has mapped Baileys' jid already). One outside wagate's forms
     * (a broadcast list, a bot) fails here, and the event carrying it is not reported as one of wagate's own.
     */
    static ChatId id(JsonNode node, String field) {
        return ChatId.of(node.path(field).asText());
    }

    static Optional<ChatId> optionalId(JsonNode node, String field) {
        return text(node, field).map(ChatId::of);
    }

    static Map<String, Object> outgoing(OutgoingMessage message) {
        var out = new LinkedHashMap<String, Object>();
        out.put("chatId", message.chatId());
        message.replyTo().ifPresent(q -> {
            var quoted = new LinkedHashMap<String, Object>();
            quoted.put("key", key(q.key()));
            quoted.put("body", nullToEmpty(q.body()));
            out.put("replyTo", quoted);
        });
        switch (message) {
            case OutgoingMessage.Text t -> {
                out.put("kind", "text");
                out.put("text", t.text());
                out.put("mentions", t.mentions());
                out.put("linkPreview", t.linkPreview());
                out.put("linkPreviewHighQuality", t.linkPreviewHighQuality());
            }
            case OutgoingMessage.Image i -> {
                out.put("kind", "image");
                out.put("file", file(i.file()));
                out.put("caption", i.caption());
                out.put("viewOnce", i.viewOnce());
            }
            case OutgoingMessage.Video v -> {
                out.put("kind", "video");
                out.put("file", file(v.file()));
                out.put("caption", v.caption());
                out.put("asGif", v.asGif());
                out.put("viewOnce", v.viewOnce());
            }
            case OutgoingMessage.Audio a -> {
                out.put("kind", "audio");
                out.put("file", file(a.file()));
                out.put("voiceNote", a.voiceNote());
            }
            case OutgoingMessage.Document d -> {
                out.put("kind", "document");
                out.put("file", file(d.file()));
                out.put("caption", d.caption());
            }
            case OutgoingMessage.Location l -> {
                out.put("kind", "location");
                out.put("location", Map.of("latitude", l.location().latitude(), "longitude", l.location().longitude(),
                        "title", nullToEmpty(l.location().title()), "address", nullToEmpty(l.location().address())));
            }
            case OutgoingMessage.Contacts c -> {
                out.put("kind", "contacts");
                out.put("contacts", c.contacts().stream()
                        .map(card -> Map.of("displayName", card.displayName(), "vcard", card.vcard())).toList());
            }
            case OutgoingMessage.Poll p -> {
                out.put("kind", "poll");
                out.put("poll", Map.of("name", p.poll().name(), "options", p.poll().options(),
                        "selectableCount", p.poll().selectableCount()));
                out.put("announcementGroup", p.announcementGroup());
            }
            case OutgoingMessage.PollVote v -> {
                out.put("kind", "pollVote");
                out.put("poll", key(v.pollMessage()));
                out.put("selectedOptions", v.selectedOptions());
            }
            case OutgoingMessage.Event e -> {
                out.put("kind", "event");
                out.put("event", event(e.event()));
            }
            case OutgoingMessage.EventResponse r -> {
                out.put("kind", "eventResponse");
                out.put("event", key(r.eventMessage()));
                out.put("response", r.answer().name());
            }
        }
        return out;
    }

    /** An event message's fields as the bridge takes and gives them (times in Unix seconds; absent ones left out). */
    static Map<String, Object> event(EngineMessage.Event event) {
        var out = new LinkedHashMap<String, Object>();
        out.put("name", event.name());
        out.put("startTime", event.startTime());
        if (event.description() != null) {
            out.put("description", event.description());
        }
        if (event.endTime() != null) {
            out.put("endTime", event.endTime());
        }
        if (event.location() != null) {
            out.put("location", event.location());
        }
        if (event.callLink() != null) {
            out.put("callLink", event.callLink());
        }
        return out;
    }

    private static Optional<EngineMessage.Event> event(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new EngineMessage.Event(node.path("name").asText(""), text(node, "description").orElse(null),
                node.path("startTime").asLong(), node.hasNonNull("endTime") ? node.path("endTime").asLong() : null,
                text(node, "location").orElse(null), text(node, "callLink").orElse(null)));
    }

    static Map<String, Object> file(OutgoingMessage.MediaFile file) {
        var out = new LinkedHashMap<String, Object>();
        out.put("path", file.path().toAbsolutePath().toString());
        out.put("mimetype", file.mimetype());
        out.put("filename", file.filename());
        out.put("size", file.size());
        return out;
    }

    /**
     * A message from the bridge. Media is accepted only under {@code mediaDir}: a path elsewhere is
     * dropped rather than trusted.
     */
    static EngineMessage message(JsonNode node, Path mediaDir) {
        Optional<EngineMessage.Media> media = Optional.empty();
        JsonNode m = node.get("media");
        if (m != null && m.isObject() && m.path("ref").isTextual()) {
            media = Optional.of(EngineMessage.Media.onDemand(m.path("ref").asText(),
                    m.path("mimetype").asText("application/octet-stream"), m.path("filename").asText("file"),
                    m.path("size").asLong(), m.path("viewOnce").asBoolean(false), m.path("gif").asBoolean(false)));
        } else if (m != null && m.isObject()) {
            media = underMediaDir(m.path("path").asText(""), mediaDir).map(path -> new EngineMessage.Media(path,
                    m.path("mimetype").asText("application/octet-stream"),
                    m.path("filename").asText(path.getFileName().toString()), m.path("size").asLong(),
                    m.path("viewOnce").asBoolean(false), m.path("gif").asBoolean(false)));
        }
        JsonNode loc = node.get("location");
        JsonNode poll = node.get("poll");
        JsonNode reply = node.get("replyTo");
        var vCards = new ArrayList<String>();
        node.path("vCards").forEach(v -> vCards.add(v.asText()));
        return new EngineMessage(
                key(node.path("key")),
                Instant.ofEpochMilli(node.path("timestamp").asLong()),
                id(node, "from"),
                id(node, "to"),
                "API".equals(node.path("source").asText()) ? EngineMessage.Source.API : EngineMessage.Source.APP,
                enumOr(EngineMessage.Type.class, node.path("type").asText(), EngineMessage.Type.UNKNOWN),
                node.path("body").asText(""),
                media,
                loc == null || !loc.isObject() ? Optional.empty() : Optional.of(new EngineMessage.Location(
                        loc.path("latitude").asDouble(), loc.path("longitude").asDouble(),
                        loc.path("title").asText(""), loc.path("address").asText(""))),
                List.copyOf(vCards),
                poll == null || !poll.isObject() ? Optional.empty() : Optional.of(new EngineMessage.Poll(
                        poll.path("name").asText(""), strings(poll.path("options")),
                        poll.path("selectableCount").asInt())),
                reply == null || !reply.isObject() ? Optional.empty() : Optional.of(new EngineMessage.Quoted(
                        key(reply.path("key")), reply.path("body").asText(""))),
                enumOr(Ack.class, node.path("ack").asText(), Ack.SERVER),
                linkPreview(node.get("linkPreview")),
                optionalId(node, "fromLid"),
                optionalId(node, "toLid"),
                node.path("forwarded").asBoolean(false),
                Optional.ofNullable(node.path("pushName").textValue()).filter(name -> !name.isEmpty()),
                event(node.get("event")));
    }

    private static Optional<EngineMessage.LinkPreview> linkPreview(JsonNode preview) {
        if (preview == null || !preview.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new EngineMessage.LinkPreview(preview.path("url").asText(""),
                preview.path("title").asText(""), text(preview, "description").orElse(null), false));
    }

    static Map<String, Object> linkPreview(EngineMessage.LinkPreview preview) {
        var out = new LinkedHashMap<String, Object>();
        out.put("url", preview.url());
        out.put("title", preview.title());
        if (preview.description() != null) {
            out.put("description", preview.description());
        }
        return out;
    }

    /** A file the bridge wrote: accepted only under {@code mediaDir}, a path elsewhere is not trusted. */
    static Optional<Path> underMediaDir(String path, Path mediaDir) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        return file.startsWith(mediaDir.toAbsolutePath().normalize()) ? Optional.of(file) : Optional.empty();
    }

    static GroupInfo group(JsonNode node) {
        var participants = new ArrayList<GroupInfo.Participant>();
        node.path("participants").forEach(p -> participants.add(participant(p)));
        return new GroupInfo(id(node, "id"), node.path("subject").asText(""),
                node.path("description").asText(""), optionalId(node, "owner"), List.copyOf(participants),
                node.path("messagesAdminOnly").asBoolean(), node.path("infoAdminOnly").asBoolean(),
                Instant.ofEpochMilli(node.path("createdAt").asLong()));
    }

    static GroupInfo.Participant participant(JsonNode node) {
        return new GroupInfo.Participant(id(node, "id"),
                enumOr(GroupInfo.Role.class, node.path("role").asText(), GroupInfo.Role.PARTICIPANT));
    }

    static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty()
                : Optional.of(value.asText());
    }

    static <E extends Enum<E>> E enumOr(Class<E> type, String name, E fallback) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        return fallback;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
