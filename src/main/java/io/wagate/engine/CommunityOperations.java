package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * WhatsApp communities through one session. A community ({@code …@g.us}, like a group) groups linked groups under
 * one name and has an announcement group, made with it, that every member of its linked groups is in and where
 * only its admins post. A community the session is not in is {@link EngineException.Reason#NOT_FOUND}; what only
 * its admins may do is {@link EngineException.Reason#REFUSED}; a group linked elsewhere (or not linked here, for
 * an unlink) is {@link EngineException.Reason#CONFLICT}.
 */
public interface CommunityOperations {
    record CommunityInfo(ChatId id, String name, String description, Optional<ChatId> owner,
                         Optional<ChatId> announcementGroup, Instant createdAt) {}

    /** One group of a community: a linked group, or the announcement group. */
    record LinkedGroup(ChatId id, String subject, boolean announcement) {}

    CommunityInfo create(String name, Optional<String> description);

    /** The communities the session is in (as an admin or a member of a linked group). */
    List<CommunityInfo> list();

    CommunityInfo get(ChatId communityId);

    /** Links every group or none: the session must be an admin of the community and of each group. */
    void link(ChatId communityId, List<ChatId> groups);

    /** Unlinks every group or none; only the community's admins may. */
    void unlink(ChatId communityId, List<ChatId> groups);

    /** The community's announcement group first, then its linked groups. */
    List<LinkedGroup> groups(ChatId communityId);
}
