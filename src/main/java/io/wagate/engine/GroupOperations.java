package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.util.List;
import java.util.Optional;

/**
 * Group management through one session. Ids are {@code …@g.us} for groups, {@code …@c.us} for
 * people. A group the session is not a member of is {@link EngineException.Reason#NOT_FOUND}, like
 * a missing one; what only admins (or the owner) may do is {@link EngineException.Reason#REFUSED}.
 */
public interface GroupOperations {
    /** Creates a group owned by the session with these members (people on WhatsApp, else INVALID). */
    GroupInfo create(String subject, List<ChatId> participants, Optional<String> description);

    List<GroupInfo> list();

    /** Fetches the session's groups from WhatsApp again, where the engine keeps a copy. */
    void refresh();

    GroupInfo get(ChatId groupId);

    /** Deletes the group for every member; only its owner may. */
    void delete(ChatId groupId);

    void leave(ChatId groupId);

    void setSubject(ChatId groupId, String subject);

    void setDescription(ChatId groupId, String description);

    enum Setting { MESSAGES_ADMIN_ONLY, INFO_ADMIN_ONLY }

    void setSetting(ChatId groupId, Setting setting, boolean adminsOnly);

    enum ParticipantAction { ADD, REMOVE, PROMOTE, DEMOTE }

    /** The outcome for one participant: {@code status} is an HTTP-like code (200 ok, 400, 403, 404 not on WhatsApp, 409). */
    record ParticipantResult(ChatId id, int status, String message) {}

    List<ParticipantResult> updateParticipants(ChatId groupId, ParticipantAction action, List<ChatId> participants);

    /** The current invite code (admins only). */
    String inviteCode(ChatId groupId);

    /** Replaces the invite code (admins only); the old one stops working. Returns the new one. */
    String revokeInvite(ChatId groupId);

    /** Joins by invite code; returns the group id. */
    ChatId join(String inviteCode);

    record Picture(byte[] jpeg) {}

    default Optional<Picture> picture(ChatId groupId) {
        throw new EngineException(EngineException.Reason.UNSUPPORTED, "group pictures are not supported yet");
    }

    default void setPicture(ChatId groupId, OutgoingMessage.MediaFile image) {
        throw new EngineException(EngineException.Reason.UNSUPPORTED, "group pictures are not supported yet");
    }

    default void removePicture(ChatId groupId) {
        throw new EngineException(EngineException.Reason.UNSUPPORTED, "group pictures are not supported yet");
    }
}
