package io.wagate.idempotency;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The idempotency claim the current request thread runs under, so that the message its send stores
 * is written onto the claim in the message's own transaction: after a crash the claim then tells
 * whether the send was stored (replay it) or not (run it).
 */
public final class RunningClaims {
    /** A key of an account, claimed by a request now running. */
    public record Claim(String accountId, String key) {}

    /** Links a claim to its message; the first message wins (a send stores one). */
    public static final String LINK = """
            UPDATE idempotency_keys SET session_id = ?, message_id = ?
            WHERE account_id = ? AND idem_key = ? AND message_id IS NULL""";

    private final ThreadLocal<Claim> current = new ThreadLocal<>();

    <T> T during(Claim claim, Supplier<T> action) {
        var outer = current.get();
        current.set(claim);
        try {
            return action.get();
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }

    /** The claim of the request running on this thread, if it has one. */
    public Optional<Claim> current() {
        return Optional.ofNullable(current.get());
    }

    /** Binds {@link #LINK} for {@code claim} and the message stored. */
    public static void bindLink(PreparedStatement statement, Claim claim, String sessionId, String messageId)
            throws SQLException {
        statement.setString(1, sessionId);
        statement.setString(2, messageId);
        statement.setString(3, claim.accountId());
        statement.setString(4, claim.key());
    }
}
