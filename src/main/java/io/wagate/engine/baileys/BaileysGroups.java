package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.engine.GroupInfo;
import io.wagate.engine.GroupOperations;
import io.wagate.engine.OutgoingMessage;
import io.wagate.ids.ChatId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Group management through a session's bridge (the group.* methods of bridge/src/commands.js). */
final class BaileysGroups implements GroupOperations {
    private static final Logger log = LoggerFactory.getLogger(BaileysGroups.class);
    private final BaileysSession session;

    BaileysGroups(BaileysSession session) {
        this.session = session;
    }

    @Override
    public GroupInfo create(String subject, List<ChatId> participants, Optional<String> description) {
        var params = new LinkedHashMap<String, Object>();
        params.put("subject", subject);
        params.put("participants", participants);
        description.ifPresent(d -> params.put("description", d));
        return BridgeJson.group(session.call("group.create", params));
    }

    @Override
    public List<GroupInfo> list() {
        var out = new ArrayList<GroupInfo>();
        session.call("group.list", Map.of()).forEach(g -> out.add(BridgeJson.group(g)));
        return List.copyOf(out);
    }

    /** Baileys asks WhatsApp on every list: there is no copy to refresh. */
    @Override
    public void refresh() {
        session.call("group.list", Map.of());
    }

    @Override
    public GroupInfo get(ChatId groupId) {
        return BridgeJson.group(session.call("group.get", Map.of("groupId", groupId)));
    }

    /**
     * WhatsApp has no call that deletes a group; like its apps, the owner removes every other member
     * and then leaves (see group.delete in bridge/src/groupadmin.js). Other admins are refused.
     */
    @Override
    public void delete(ChatId groupId) {
        session.call("group.delete", Map.of("groupId", groupId));
    }

    @Override
    public void leave(ChatId groupId) {
        session.call("group.leave", Map.of("groupId", groupId));
    }

    @Override
    public void setSubject(ChatId groupId, String subject) {
        session.call("group.subject", Map.of("groupId", groupId, "subject", subject));
    }

    @Override
    public void setDescription(ChatId groupId, String description) {
        session.call("group.description", Map.of("groupId", groupId, "description", description));
    }

    @Override
    public void setSetting(ChatId groupId, Setting setting, boolean adminsOnly) {
        session.call("group.setting", Map.of("groupId", groupId, "setting", setting.name(), "adminsOnly", adminsOnly));
    }

    @Override
    public List<ParticipantResult> updateParticipants(ChatId groupId, ParticipantAction action,
                                                      List<ChatId> participants) {
        JsonNode results = session.call("group.participants",
                Map.of("groupId", groupId, "action", action.name(), "participants", participants));
        var out = new ArrayList<ParticipantResult>();
        results.forEach(r -> out.add(new ParticipantResult(BridgeJson.id(r, "id"), r.path("status").asInt(500),
                r.path("status").asInt(500) == 200 ? "ok" : "WhatsApp answered " + r.path("status").asInt(500))));
        return List.copyOf(out);
    }

    @Override
    public String inviteCode(ChatId groupId) {
        return session.call("group.inviteCode", Map.of("groupId", groupId)).path("code").asText();
    }

    @Override
    public String revokeInvite(ChatId groupId) {
        return session.call("group.revokeInvite", Map.of("groupId", groupId)).path("code").asText();
    }

    @Override
    public ChatId join(String inviteCode) {
        return BridgeJson.id(session.call("group.join", Map.of("code", inviteCode)), "groupId");
    }

    /** The bridge downloads the picture into its media directory; it is read from there and deleted. */
    @Override
    public Optional<Picture> picture(ChatId groupId) {
        JsonNode answer = session.call("group.picture", Map.of("groupId", groupId));
        if (!answer.path("found").asBoolean()) {
            return Optional.empty();
        }
        Path file = BridgeJson.underMediaDir(answer.path("path").asText(), session.mediaDir())
                .orElseThrow(() -> new IllegalStateException("the bridge put the group picture outside its media dir"));
        try {
            return Optional.of(new Picture(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the group picture the bridge downloaded", e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.debug("could not delete {}: {}", file, e.getMessage());
            }
        }
    }

    @Override
    public void setPicture(ChatId groupId, OutgoingMessage.MediaFile image) {
        session.call("group.setPicture", Map.of("groupId", groupId, "file", BridgeJson.file(image)));
    }

    @Override
    public void removePicture(ChatId groupId) {
        session.call("group.removePicture", Map.of("groupId", groupId));
    }
}
