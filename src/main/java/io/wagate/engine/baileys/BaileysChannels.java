package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.engine.ChannelInfo;
import io.wagate.engine.ChannelOperations;
import io.wagate.engine.EngineMessage;
import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Channels through a session's bridge (the channel.* methods of bridge/src/channels.js). Baileys
 * cannot list the channels an account follows, so the list is made of the channels the session met:
 * created or followed here, or seen in its chats; each is asked about anew, and the ones it no longer
 * owns or follows (unfollowed on the phone, deleted) are dropped from what it remembers.
 */
final class BaileysChannels implements ChannelOperations {
    private static final String SUBSCRIBER = "SUBSCRIBER";
    private static final String GUEST = "GUEST";

    private final BaileysSession session;
    private final Function<JsonNode, EngineMessage> messages;

    BaileysChannels(BaileysSession session, Function<JsonNode, EngineMessage> messages) {
        this.session = session;
        this.messages = messages;
    }

    @Override
    public List<ChannelInfo> list() {
        var auth = session.auth();
        JsonNode answer = session.call("channel.list", Map.of("channelIds", BridgeStore.knownChannels(auth)));
        answer.path("gone").forEach(id -> BridgeStore.forgetChannel(auth, id.asText()));
        var out = new ArrayList<ChannelInfo>();
        for (JsonNode node : answer.path("channels")) {
            var channel = info(node);
            if (GUEST.equals(channel.role())) {
                BridgeStore.forgetChannel(auth, channel.id().value());
            } else {
                out.add(channel);
            }
        }
        out.sort(Comparator.comparing(ChannelInfo::createdAt).thenComparing(ChannelInfo::id));
        return List.copyOf(out);
    }

    @Override
    public ChannelInfo create(String name, Optional<String> description) {
        var params = new LinkedHashMap<String, Object>();
        params.put("name", name);
        description.ifPresent(d -> params.put("description", d));
        var created = info(session.call("channel.create", params));
        BridgeStore.rememberChannel(session.auth(), created.id().value());
        return created;
    }

    @Override
    public ChannelInfo get(ChatId channelId) {
        return info(session.call("channel.get", Map.of("channelId", channelId)));
    }

    @Override
    public void delete(ChatId channelId) {
        session.call("channel.delete", Map.of("channelId", channelId));
        BridgeStore.forgetChannel(session.auth(), channelId.value());
    }

    @Override
    public List<EngineMessage> preview(ChatId channelId, int limit) {
        var out = new ArrayList<EngineMessage>();
        session.call("channel.preview", Map.of("channelId", channelId, "limit", limit))
                .forEach(post -> out.add(messages.apply(post)));
        return List.copyOf(out);
    }

    @Override
    public ChannelInfo follow(ChatId channelId) {
        var followed = info(session.call("channel.follow", Map.of("channelId", channelId)));
        BridgeStore.rememberChannel(session.auth(), followed.id().value());
        return followed;
    }

    @Override
    public void unfollow(ChatId channelId) {
        session.call("channel.unfollow", Map.of("channelId", channelId));
        BridgeStore.forgetChannel(session.auth(), channelId.value());
    }

    static ChannelInfo info(JsonNode node) {
        return new ChannelInfo(BridgeJson.id(node, "id"), node.path("name").asText(""),
                node.path("description").asText(""), node.path("role").asText(SUBSCRIBER),
                node.path("subscribers").asLong(), BridgeJson.text(node, "inviteLink"),
                Instant.ofEpochMilli(node.path("createdAt").asLong()));
    }
}
