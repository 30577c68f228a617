package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.engine.CommunityOperations;
import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Communities through a session's bridge (the community.* methods of bridge/src/communities.js). WhatsApp links
 * one group per request, so a link or unlink of several groups that WhatsApp refuses halfway keeps the ones done
 * before the refusal (its message names them), unlike the sandbox's all or nothing.
 */
final class BaileysCommunities implements CommunityOperations {
    private final BaileysSession session;

    BaileysCommunities(BaileysSession session) {
        this.session = session;
    }

    @Override
    public CommunityInfo create(String name, Optional<String> description) {
        var params = new LinkedHashMap<String, Object>();
        params.put("name", name);
        description.ifPresent(d -> params.put("description", d));
        return info(session.call("community.create", params));
    }

    @Override
    public List<CommunityInfo> list() {
        var out = new ArrayList<CommunityInfo>();
        session.call("community.list", Map.of()).forEach(c -> out.add(info(c)));
        out.sort(Comparator.comparing(CommunityInfo::createdAt).thenComparing(CommunityInfo::id));
        return List.copyOf(out);
    }

    @Override
    public CommunityInfo get(ChatId communityId) {
        return info(session.call("community.get", Map.of("communityId", communityId)));
    }

    @Override
    public void link(ChatId communityId, List<ChatId> groups) {
        session.call("community.link", Map.of("communityId", communityId, "groups", groups));
    }

    @Override
    public void unlink(ChatId communityId, List<ChatId> groups) {
        session.call("community.unlink", Map.of("communityId", communityId, "groups", groups));
    }

    @Override
    public List<LinkedGroup> groups(ChatId communityId) {
        var out = new ArrayList<LinkedGroup>();
        session.call("community.groups", Map.of("communityId", communityId)).forEach(g -> out.add(
                new LinkedGroup(BridgeJson.id(g, "id"), g.path("subject").asText(""), g.path("announcement").asBoolean())));
        return List.copyOf(out);
    }

    static CommunityInfo info(JsonNode node) {
        return new CommunityInfo(BridgeJson.id(node, "id"), node.path("name").asText(""),
                node.path("description").asText(""), BridgeJson.optionalId(node, "owner"),
                BridgeJson.optionalId(node, "announcementGroup"), Instant.ofEpochMilli(node.path("createdAt").asLong()));
    }
}
