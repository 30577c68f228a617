package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A group as the session sees it. */
public record GroupInfo(
        ChatId id,
        String subject,
        String description,
        Optional<ChatId> owner,
        List<Participant> participants,
        boolean messagesAdminOnly,
        boolean infoAdminOnly,
        Instant createdAt) {

    public enum Role { PARTICIPANT, ADMIN, SUPERADMIN }

    public record Participant(ChatId id, Role role) {}
}
