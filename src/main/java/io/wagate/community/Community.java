package io.wagate.community;

import io.wagate.engine.CommunityOperations.CommunityInfo;
import io.wagate.engine.CommunityOperations.LinkedGroup;
import io.wagate.ids.ChatId;
import java.time.Instant;

/** A community as clients see it; {@code announcementGroup} is null where the engine did not name it. */
public record Community(ChatId id, String name, String description, ChatId owner, ChatId announcementGroup,
                        Instant createdAt) {

    static Community of(CommunityInfo info) {
        return new Community(info.id(), info.name(), info.description(), info.owner().orElse(null),
                info.announcementGroup().orElse(null), info.createdAt());
    }

    /** One of a community's groups; {@code announcement} marks its announcement group. */
    public record Group(ChatId id, String subject, boolean announcement) {
        static Group of(LinkedGroup group) {
            return new Group(group.id(), group.subject(), group.announcement());
        }
    }
}
