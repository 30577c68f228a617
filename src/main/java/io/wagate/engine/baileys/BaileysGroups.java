package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.engine.GroupInfo;
import io.wagate.engine.GroupOperations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Group management through a session's bridge (the group.* methods of bridge/src/commands.js). */
final class BaileysGroups implements GroupOperations {
    private final BaileysSession session;

    BaileysGroups(BaileysSession session) {
        this.session = session;
    }

    @Override
    public GroupInfo create(String subject, List<String> participants, Optional<String> description) {
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
    public GroupInfo get(String groupId) {
        return BridgeJson.group(session.call("group.get", Map.of("groupId", groupId)));
    }

    @Override
    public void delete(String groupId) {
        throw BaileysSession.unsupported("deleting groups (Baileys has no call for it; leave the group instead)");
    }

    @Override
    public void leave(String groupId) {
        session.call("group.leave", Map.of("groupId", groupId));
    }

    @Override
    public void setSubject(String groupId, String subject) {
        session.call("group.subject", Map.of("groupId", groupId, "subject", subject));
    }

    @Override
    public void setDescription(String groupId, String description) {
        session.call("group.description", Map.of("groupId", groupId, "description", description));
    }

    @Override
    public void setSetting(String groupId, Setting setting, boolean adminsOnly) {
        session.call("group.setting", Map.of("groupId", groupId, "setting", setting.name(), "adminsOnly", adminsOnly));
    }

    @Override
    public List<ParticipantResult> updateParticipants(String groupId, ParticipantAction action,
                                                      List<String> participants) {
        JsonNode results = session.call("group.participants",
                Map.of("groupId", groupId, "action", action.name(), "participants", participants));
        var out = new ArrayList<ParticipantResult>();
        results.forEach(r -> out.add(new ParticipantResult(r.path("id").asText(), r.path("status").asInt(500),
                r.path("status").asInt(500) == 200 ? "ok" : "WhatsApp answered " + r.path("status").asInt(500))));
        return List.copyOf(out);
    }

    @Override
    public String inviteCode(String groupId) {
        return session.call("group.inviteCode", Map.of("groupId", groupId)).path("code").asText();
    }

    @Override
    public String revokeInvite(String groupId) {
        return session.call("group.revokeInvite", Map.of("groupId", groupId)).path("code").asText();
    }

    @Override
    public String join(String inviteCode) {
        return session.call("group.join", Map.of("code", inviteCode)).path("groupId").asText();
    }
}
