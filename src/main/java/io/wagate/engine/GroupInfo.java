package io.wagate.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A group as the session sees it. */
public record GroupInfo(
        String id,
        String subject,
        String description,
        Optional<String> owner,
        List<Participant> participants,
        boolean messagesAdminOnly,
        boolean infoAdminOnly,
        Instant createdAt) {

    public enum Role { PARTICIPANT, ADMIN, SUPERADMIN }

    public record Participant(String id, Role role) {}
}
