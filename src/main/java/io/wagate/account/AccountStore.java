package io.wagate.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The accounts and api_keys tables. The principal behind each live key is kept in memory once
 * read, as every request needs it; any write that could change one (revocations, plan changes)
 * drops them all, which is cheap because such writes are rare. In a cluster the other nodes make such
 * writes too, unseen here: there a principal is kept for {@code keepFor} only, then read again.
 */
public final class AccountStore {
    private static final String ACCOUNT_COLUMNS = "id, name, plan, is_admin, created_at";
    private static final String KEY_COLUMNS = "id, account_id, session_id, prefix, label, created_at, revoked_at";

    private final Jdbi jdbi;
    private final Map<String, Kept> principalsByKeyHash = new ConcurrentHashMap<>();
    /** How long a principal read is trusted; null: until this process changes a key or a plan. */
    private final Duration keepFor;

    private record Kept(Principal principal, long readAt) {}

    public AccountStore(Jdbi jdbi) {
        this(jdbi, null);
    }

    /** A store whose principals are read again once {@code keepFor} old (other processes write keys too). */
    public AccountStore(Jdbi jdbi, Duration keepFor) {
        this.jdbi = jdbi;
        this.keepFor = keepFor;
    }

    /** Inserts an account; false when the name is taken (the unique constraint decides races). */
    public boolean insertAccount(Account account) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO accounts (id, name, plan, is_admin, created_at)
                            VALUES (:id, :name, :plan, :admin, :createdAt)""")
                    .bind("id", account.id())
                    .bind("name", account.name())
                    .bind("plan", account.plan())
                    .bind("admin", account.admin())
                    .bind("createdAt", account.createdAt().toEpochMilli())
                    .execute());
            return true;
        } catch (StatementException e) {
            if (findAccountByName(account.name()).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Account> findAccount(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> account(rs)).findOne());
    }

    public Optional<Account> findAccountByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> account(rs)).findOne());
    }

    public Optional<Account> findAdmin() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE is_admin = :admin ORDER BY created_at LIMIT 1")
                .bind("admin", true).map((rs, ctx) -> account(rs)).findOne());
    }

    /** Moves an account to another plan; false when there is no such account. */
    public boolean setPlan(String accountId, String plan) {
        boolean updated = jdbi.withHandle(h -> h.createUpdate("UPDATE accounts SET plan = :plan WHERE id = :id")
                .bind("plan", plan).bind("id", accountId).execute()) == 1;
        principalsByKeyHash.clear();
        return updated;
    }

    public List<Account> listAccounts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM accounts ORDER BY created_at, id")
                .map((rs, ctx) -> account(rs)).list());
    }

    public void insertKey(ApiKeyInfo info, String keyHash) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO api_keys (id, account_id, session_id, key_hash, prefix, label, created_at)
                        VALUES (:id, :accountId, :sessionId, :hash, :prefix, :label, :createdAt)""")
                .bind("id", info.id())
                .bind("accountId", info.accountId())
                .bind("sessionId", info.sessionId().orElse(null))
                .bind("hash", keyHash)
                .bind("prefix", info.prefix())
                .bind("label", info.label())
                .bind("createdAt", info.createdAt().toEpochMilli())
                .execute());
    }

    /** The principal behind a live (unrevoked) key, by the key's hash. */
    public Optional<Principal> findPrincipal(String keyHash) {
        // Unknown keys are not remembered, so guessing cannot fill the memory.
        long now = System.nanoTime();
        var kept = principalsByKeyHash.compute(keyHash, (hash, old) -> old != null
                && (keepFor == null || now - old.readAt() < keepFor.toNanos())
                ? old : loadPrincipal(hash).map(p -> new Kept(p, now)).orElse(null));
        return Optional.ofNullable(kept).map(Kept::principal);
    }

    private Optional<Principal> loadPrincipal(String keyHash) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT k.account_id, k.session_id, a.is_admin, a.plan
                        FROM api_keys k JOIN accounts a ON a.id = k.account_id
                        WHERE k.key_hash = :hash AND k.revoked_at IS NULL""")
                .bind("hash", keyHash)
                .map((rs, ctx) -> new Principal(rs.getString("account_id"), rs.getBoolean("is_admin"),
                        Optional.ofNullable(rs.getString("session_id")), rs.getString("plan")))
                .findOne());
    }

    public List<ApiKeyInfo> listAccountKeys(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + KEY_COLUMNS
                        + " FROM api_keys WHERE account_id = :accountId AND session_id IS NULL ORDER BY created_at, id")
                .bind("accountId", accountId).map((rs, ctx) -> key(rs)).list());
    }

    /** Revokes one of the account's own keys; false when there is no such live key. */
    public boolean revokeKey(String accountId, String keyId, Instant at) {
        boolean revoked = jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE api_keys SET revoked_at = :at
                        WHERE id = :id AND account_id = :accountId AND revoked_at IS NULL""")
                .bind("at", at.toEpochMilli())
                .bind("id", keyId)
                .bind("accountId", accountId)
                .execute()) == 1;
        principalsByKeyHash.clear();
        return revoked;
    }

    /** Revokes every live key of a scope: the account's own keys, or one session's keys. */
    public void revokeAll(String accountId, Optional<String> sessionId, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET revoked_at = :at WHERE account_id = :accountId AND "
                        + (sessionId.isPresent() ? "session_id = :sessionId" : "session_id IS NULL")
                        + " AND revoked_at IS NULL")
                .bind("at", at.toEpochMilli())
                .bind("accountId", accountId)
                .bind("sessionId", sessionId.orElse(null))
                .execute());
        principalsByKeyHash.clear();
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString("id"), rs.getString("name"), rs.getString("plan"),
                rs.getBoolean("is_admin"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static ApiKeyInfo key(ResultSet rs) throws SQLException {
        long revoked = rs.getLong("revoked_at");
        Optional<Instant> revokedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked));
        return new ApiKeyInfo(rs.getString("id"), rs.getString("account_id"),
                Optional.ofNullable(rs.getString("session_id")), rs.getString("prefix"), rs.getString("label"),
                Instant.ofEpochMilli(rs.getLong("created_at")), revokedAt);
    }
}
