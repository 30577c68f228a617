package io.wagate.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wagate.engine.ChannelInfo;
import io.wagate.ids.ChatId;
import java.time.Instant;

/** A channel as clients see it; {@code role} is the session's own: OWNER, ADMIN, SUBSCRIBER or GUEST. */
public record Channel(
        ChatId id,
        String name,
        String description,
        @JsonInclude(JsonInclude.Include.NON_NULL) String invite,
        String role,
        long subscribersCount,
        Instant createdAt) {

    static Channel of(ChannelInfo info) {
        return new Channel(info.id(), info.name(), info.description(), info.inviteLink().orElse(null), info.role(),
                info.subscribers(), info.createdAt());
    }
}
