package io.wagate.engine.sandbox;

import io.wagate.engine.GroupInfo;
import io.wagate.engine.GroupInfo.Role;
import io.wagate.engine.GroupOperations;
import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One sandbox group's state. Not thread-safe: {@link SandboxGroups} guards every instance with its
 * own lock. Members are kept in the order they joined, which decides who becomes admin when the
 * last admin leaves.
 */
final class SandboxGroup {
    final ChatId id;
    final String owner;
    final Instant createdAt;
    String subject;
    String description;
    boolean messagesAdminOnly;
    boolean infoAdminOnly;
    String inviteCode;
    /** The group's picture (JPEG), or null. */
    byte[] picture;
    private final Map<String, Role> members = new LinkedHashMap<>();

    SandboxGroup(ChatId id, String owner, String subject, String description, Instant createdAt, String inviteCode) {
        this.id = id;
        this.owner = owner;
        this.subject = subject;
        this.description = description;
        this.createdAt = createdAt;
        this.inviteCode = inviteCode;
        members.put(owner, Role.SUPERADMIN);
    }

    boolean isMember(String number) {
        return members.containsKey(number);
    }

    /** The member's role; null for someone who is not a member. */
    Role role(String number) {
        return members.get(number);
    }

    boolean isAdmin(String number) {
        var role = members.get(number);
        return role == Role.ADMIN || role == Role.SUPERADMIN;
    }

    void add(String number) {
        members.putIfAbsent(number, Role.PARTICIPANT);
    }

    void remove(String number) {
        members.remove(number);
    }

    List<String> members() {
        return List.copyOf(members.keySet());
    }

    int adminCount() {
        return (int) members.keySet().stream().filter(this::isAdmin).count();
    }

    /**
     * When members remain but none of them is an admin (the last one left), the longest-standing
     * member becomes admin, as on WhatsApp. Returns who was promoted.
     */
    Optional<String> ensureAnAdmin() {
        if (members.isEmpty() || adminCount() > 0) {
            return Optional.empty();
        }
        String first = members.keySet().iterator().next();
        members.put(first, Role.ADMIN);
        return Optional.of(first);
    }

    record Outcome(int status, String message) {}

    /**
     * One participant's change by admin {@code actor}, with WhatsApp's per-participant answers:
     * 404 for a number not on WhatsApp (add) or not in the group, 409 when there is nothing to
     * change, 403 for the owner (never removed nor demoted), 400 for removing oneself (that is leave).
     */
    Outcome change(GroupOperations.ParticipantAction action, String actor, String number,
                   Predicate<String> onWhatsApp) {
        if (action == GroupOperations.ParticipantAction.ADD) {
            if (!onWhatsApp.test(number)) {
                return new Outcome(404, "not on WhatsApp");
            }
            if (isMember(number)) {
                return new Outcome(409, "already a participant");
            }
            add(number);
            return new Outcome(200, "added");
        }
        var role = members.get(number);
        if (role == null) {
            return new Outcome(404, "not a participant of this group");
        }
        return switch (action) {
            case REMOVE -> role == Role.SUPERADMIN ? new Outcome(403, "the group's owner cannot be removed")
                    : number.equals(actor) ? new Outcome(400, "to remove yourself, leave the group")
                    : removed(number);
            case PROMOTE -> role != Role.PARTICIPANT ? new Outcome(409, "already an admin")
                    : withRole(number, Role.ADMIN, "promoted");
            case DEMOTE -> role == Role.SUPERADMIN ? new Outcome(403, "the group's owner cannot be demoted")
                    : role == Role.PARTICIPANT ? new Outcome(409, "not an admin")
                    : adminCount() == 1 ? new Outcome(409, "the group needs at least one admin")
                    : withRole(number, Role.PARTICIPANT, "demoted");
            case ADD -> throw new IllegalStateException("handled above");
        };
    }

    private Outcome removed(String number) {
        members.remove(number);
        return new Outcome(200, "removed");
    }

    private Outcome withRole(String number, Role role, String message) {
        members.put(number, role);
        return new Outcome(200, message);
    }

    GroupInfo info() {
        var participants = members.entrySet().stream()
                .map(e -> new GroupInfo.Participant(ChatId.ofPhone(e.getKey()), e.getValue())).toList();
        return new GroupInfo(id, subject, description, Optional.of(ChatId.ofPhone(owner)), participants, messagesAdminOnly,
                infoAdminOnly, createdAt);
    }
}
