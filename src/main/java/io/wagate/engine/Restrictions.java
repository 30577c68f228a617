package io.wagate.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;

/**
 * What WhatsApp restricts a linked account in, as it last said (a part is null while nothing is known of it).
 *
 * @param reachoutTimelock the account may not start new chats (WhatsApp refuses such sends with 463)
 * @param newChatCap how many new chats the account may open in the current cycle
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Restrictions(ReachoutTimelock reachoutTimelock, NewChatCap newChatCap) {

    /** @param until when WhatsApp lifts it; null: it did not say */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReachoutTimelock(boolean active, Instant until, String enforcementType) {}

    /** WhatsApp's own figures and status ({@code NONE}, {@code FIRST_WARNING}, {@code SECOND_WARNING}, {@code CAPPED}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewChatCap(String status, Integer used, Integer total, Instant cycleEndsAt) {}

    /** One part replaced by what {@code newer} says, the other kept. */
    public Restrictions merge(Restrictions newer) {
        return new Restrictions(newer.reachoutTimelock != null ? newer.reachoutTimelock : reachoutTimelock,
                newer.newChatCap != null ? newer.newChatCap : newChatCap);
    }

    /** Whether the timelock holds at {@code now}: present (empty Optional inside when WhatsApp gave no end) or not. */
    public Optional<Optional<Instant>> timelockedAt(Instant now) {
        if (reachoutTimelock == null || !reachoutTimelock.active()
                || reachoutTimelock.until() != null && !reachoutTimelock.until().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(reachoutTimelock.until()));
    }

    /**
     * Whether the new-chat cap is used up at {@code now} (WhatsApp says {@code CAPPED}, or its figures are reached):
     * present (the cycle's end inside, empty when WhatsApp gave none) or not. A cycle that ended frees it.
     */
    public Optional<Optional<Instant>> cappedAt(Instant now) {
        if (newChatCap == null) {
            return Optional.empty();
        }
        boolean reached = "CAPPED".equals(newChatCap.status())
                || newChatCap.used() != null && newChatCap.total() != null && newChatCap.total() > 0
                && newChatCap.used() >= newChatCap.total();
        if (!reached || newChatCap.cycleEndsAt() != null && !newChatCap.cycleEndsAt().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(newChatCap.cycleEndsAt()));
    }
}
