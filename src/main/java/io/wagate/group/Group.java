package io.wagate.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wagate.engine.GroupInfo;
import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.List;

/** A group as clients see it; {@code role} of a participant is participant, admin or superadmin (the owner). */
public record Group(
        ChatId id,
        String subject,
        String description,
        @JsonInclude(JsonInclude.Include.NON_NULL) ChatId owner,
        List<Participant> participants,
        int size,
        boolean messagesAdminOnly,
        boolean infoAdminOnly,
        Instant createdAt) {

    public record Participant(ChatId id, String role) {
        static Participant of(GroupInfo.Participant participant) {
            return new Participant(participant.id(), participant.role().name().toLowerCase());
        }
    }

    /** What one participant change did: {@code status} 200, or why not (400, 403, 404, 409). */
    public record ParticipantOutcome(ChatId id, int status, String message) {}

    public record AdminsOnly(boolean adminsOnly) {}

    public record Invite(String code, String link) {}

    public record Count(int count) {}

    public static Group of(GroupInfo info) {
        var participants = info.participants().stream().map(Participant::of).toList();
        return new Group(info.id(), info.subject(), info.description(), info.owner().orElse(null), participants,
                participants.size(), info.messagesAdminOnly(), info.infoAdminOnly(), info.createdAt());
    }
}
