package io.wagate.engine;

import java.util.List;
import java.util.Optional;

/** Group management through one session. Ids are {@code …@g.us} for groups, {@code …@c.us} for people. */
public interface GroupOperations {
    GroupInfo create(String subject, List<String> participants, Optional<String> description);

    List<GroupInfo> list();

    GroupInfo get(String groupId);

    void leave(String groupId);

    void setSubject(String groupId, String subject);

    void setDescription(String groupId, String description);

    enum Setting { MESSAGES_ADMIN_ONLY, INFO_ADMIN_ONLY }

    void setSetting(String groupId, Setting setting, boolean adminsOnly);

    enum ParticipantAction { ADD, REMOVE, PROMOTE, DEMOTE }

    /** The outcome for one participant: {@code status} is an HTTP-like code (200 ok, 403, 404 not on WhatsApp, 409). */
    record ParticipantResult(String id, int status, String message) {}

    List<ParticipantResult> updateParticipants(String groupId, ParticipantAction action, List<String> participants);

    String inviteCode(String groupId);

    String revokeInvite(String groupId);

    /** Joins by invite code; returns the group id. */
    String join(String inviteCode);

    record Picture(byte[] jpeg) {}

    Optional<Picture> picture(String groupId);

    void setPicture(String groupId, OutgoingMessage.MediaFile image);

    void removePicture(String groupId);
}
