package io.wagate.engine;

import java.util.List;
import java.util.Optional;

/**
 * Group management through one session. Ids are {@code …@g.us} for groups, {@code …@c.us} for
 * people. A group the session is not a member of is {@link EngineException.Reason#NOT_FOUND}, like
 * a missing one; what only admins (or the owner) may do is {@link EngineException.Reason#REFUSED}.
 */
public interface GroupOperations {
    /** Creates a group owned by the session with these members (people on WhatsApp, else INVALID). */
    GroupInfo create(String subject, List<String> participants, Optional<String> description);

    List<GroupInfo> list();

    /** Fetches the session's groups from WhatsApp again, where the engine keeps a copy. */
    void refresh();

    GroupInfo get(String groupId);

    /** Deletes the group for every member; only its owner may. */
    void delete(String groupId);

    void leave(String groupId);

    void setSubject(String groupId, String subject);

    void setDescription(String groupId, String description);

    enum Setting { MESSAGES_ADMIN_ONLY, INFO_ADMIN_ONLY }

    void setSetting(String groupId, Setting setting, boolean adminsOnly);

    enum ParticipantAction { ADD, REMOVE, PROMOTE, DEMOTE }

    /** The outcome for one participant: {@code status} is an HTTP-like code (200 ok, 400, 403, 404 not on WhatsApp, 409). */
    record ParticipantResult(String id, int status, String message) {}

    List<ParticipantResult> updateParticipants(String groupId, ParticipantAction action, List<String> participants);

    /** The current invite code (admins only). */
    String inviteCode(String groupId);

    /** Replaces the invite code (admins only); the old one stops working. Returns the new one. */
    String revokeInvite(String groupId);

    /** Joins by invite code; returns the group id. */
    String join(String inviteCode);

    record Picture(byte[] jpeg) {}

    default Optional<Picture> picture(String groupId) {
        throw new EngineException(EngineException.Reason.UNSUPPORTED, "group pictures are not supported yet");
    }

    default void setPicture(String groupId, OutgoingMessage.MediaFile image) {
        throw new EngineException(EngineException.Reason.UNSUPPORTED, "group pictures are not supported yet");
    }

    default void removePicture(String groupId) {
        throw new EngineException(EngineException.Reason.UNSUPPORTED, "group pictures are not supported yet");
    }
}
