package io.wagate.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.engine.Me;
import io.wagate.engine.Restrictions;
import io.wagate.engine.SessionStatus;
import io.wagate.ids.ChatId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The sessions table, with each session kept in memory once read: every request and every engine
 * event looks its session up, and all writes go through here, which drops what they change. A cluster
 * node keeps nothing in memory (other nodes write the rows too), and its status writes pass the
 * {@link OwnerFence}.
 */
public final class SessionStore {
    private static final String COLUMNS = "id, account_id, name, engine, status, should_run, config, me_id, "
            + "me_push_name, me_lid, restrictions, failure_reason, failure_at, created_at";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    /** Session ids by account id and name; a name is only cached while its session exists. */
    private final Map<String, String> idByName = new ConcurrentHashMap<>();
    private final OwnerFence fence;
    private final boolean cached;

    public SessionStore(Jdbi jdbi, ObjectMapper json) {
        this(jdbi, json, OwnerFence.NONE, true);
    }

    /** {@code cached} false where other processes write the table too (a cluster node). */
    public SessionStore(Jdbi jdbi, ObjectMapper json, OwnerFence fence, boolean cached) {
        this.jdbi = jdbi;
        this.json = json;
        this.fence = fence;
        this.cached = cached;
    }

    /** Inserts a new session; false when the account already has one of that name. */
    public boolean insert(Session session) {
        return insert(session, null) != Insert.TAKEN;
    }

    /** What {@link #insert(Session, Integer)} did. */
    public enum Insert { INSERTED, TAKEN, FULL }

    /**
     * Inserts the session unless its account already has {@code cap} sessions (null: no cap), or one of its name.
     * The count and the insert run under a row lock on the account, so two creates at once (on two cluster nodes)
     * cannot both pass the cap.
     */
    public Insert insert(Session session, Integer cap) {
        try {
            return jdbi.inTransaction(h -> {
                if (cap != null) {
                    // A no-op update: the portable row lock (SQLite has no FOR UPDATE and locks the database anyway).
                    h.createUpdate("UPDATE accounts SET name = name WHERE id = :accountId")
                            .bind("accountId", session.accountId()).execute();
                    long existing = h.createQuery("SELECT COUNT(*) FROM sessions WHERE account_id = :accountId")
                            .bind("accountId", session.accountId()).mapTo(Long.class).one();
                    if (existing >= cap) {
                        return Insert.FULL;
                    }
                }
                insertRow(h, session);
                return Insert.INSERTED;
            });
        } catch (StatementException e) {
            // The unique (account, name) constraint decides races between two creates; anything else is a fault.
            if (find(session.accountId(), session.name()).isPresent()) {
                return Insert.TAKEN;
            }
            throw e;
        }
    }

    private void insertRow(Handle h, Session session) {
        h.createUpdate("""
                        INSERT INTO sessions (id, account_id, name, engine, status, should_run, config,
                                              created_at, updated_at)
                        VALUES (:id, :accountId, :name, :engine, :status, :shouldRun, :config, :createdAt, :createdAt)""")
                .bind("id", session.id())
                .bind("accountId", session.accountId())
                .bind("name", session.name())
                .bind("engine", session.engine())
                .bind("status", session.status().name())
                .bind("shouldRun", session.shouldRun())
                .bind("config", toJson(session.config()))
                .bind("createdAt", session.createdAt().toEpochMilli())
                .execute();
    }

    public Optional<Session> find(String accountId, String name) {
        String id = idByName.get(nameKey(accountId, name));
        if (id != null) {
            var cached = findById(id);
            if (cached.isPresent()) {
                return cached;
            }
        }
        var found = jdbi.withHandle(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM sessions WHERE account_id = :accountId AND name = :name")
                .bind("accountId", accountId).bind("name", name)
                .map((rs, ctx) -> session(rs)).findOne());
        found.ifPresent(s -> idByName.put(nameKey(accountId, name), s.id()));
        return found;
    }

    public Optional<Session> findById(String id) {
        if (!cached) {
            return load(id);
        }
        // Loaded inside computeIfAbsent: a write's invalidation waits for a load in progress, so a
        // stale load can never outlive the write that made it stale.
        return Optional.ofNullable(byId.computeIfAbsent(id, key -> load(key).orElse(null)));
    }

    private Optional<Session> load(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM sessions WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> session(rs)).findOne());
    }

    private static String nameKey(String accountId, String name) {
        return accountId + '/' + name;
    }

    /** Called after every write of a session's row. */
    private void changed(String id) {
        byId.remove(id);
    }

    public List<Session> listByAccount(String accountId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM sessions WHERE account_id = :accountId ORDER BY created_at, name")
                .bind("accountId", accountId).map((rs, ctx) -> session(rs)).list());
    }

    public List<Session> listAll() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM sessions ORDER BY created_at, id")
                .map((rs, ctx) -> session(rs)).list());
    }

    public long countByAccount(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE account_id = :accountId")
                .bind("accountId", accountId).mapTo(Long.class).one());
    }

    /** How many sessions one engine has in one status. */
    public record EngineStatusCount(String engine, SessionStatus status, long sessions) {}

    /** Sessions counted by engine and status (for metrics); combinations without sessions are left out. */
    public List<EngineStatusCount> countByEngineAndStatus() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT engine, status, COUNT(*) AS sessions FROM sessions GROUP BY engine, status")
                .map((rs, ctx) -> new EngineStatusCount(rs.getString("engine"),
                        SessionStatus.valueOf(rs.getString("status")), rs.getLong("sessions")))
                .list());
    }

    public List<Session> listToResume() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM sessions WHERE should_run = :yes")
                .bind("yes", true).map((rs, ctx) -> session(rs)).list());
    }

    public void setShouldRun(String id, boolean shouldRun, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET should_run = :run, updated_at = :at WHERE id = :id")
                .bind("run", shouldRun).bind("at", at.toEpochMilli()).bind("id", id).execute());
        changed(id);
    }

    public void setConfig(String id, SessionConfig config, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET config = :config, updated_at = :at WHERE id = :id")
                .bind("config", toJson(config)).bind("at", at.toEpochMilli()).bind("id", id).execute());
        changed(id);
    }

    /**
     * Records a status. A FAILED status also stops the session from coming back by itself; any other
     * status clears an old failure. {@code me} is kept when absent, so a reconnect does not forget it.
     */
    public void recordStatus(String id, SessionStatus status, Optional<Me> me, Optional<String> failure, Instant at) {
        OwnerFence.write(jdbi, fence, id, h -> h.createUpdate("""
                        UPDATE sessions SET status = :status,
                            should_run = CASE WHEN :failed THEN :no ELSE should_run END,
                            failure_reason = :failureReason, failure_at = :failureAt,
                            me_id = COALESCE(:meId, me_id), me_push_name = COALESCE(:mePushName, me_push_name),
                            me_lid = COALESCE(:meLid, me_lid), updated_at = :at
                        WHERE id = :id""")
                .bind("status", status.name())
                .bind("failed", status == SessionStatus.FAILED)
                .bind("no", false)
                .bind("failureReason", failure.orElse(null))
                .bind("failureAt", failure.isPresent() ? at.toEpochMilli() : null)
                .bind("meId", me.map(m -> m.id().value()).orElse(null))
                .bind("mePushName", me.map(Me::pushName).orElse(null))
                .bind("meLid", me.map(Me::lid).map(ChatId::value).orElse(null))
                .bind("at", at.toEpochMilli())
                .bind("id", id)
                .execute());
        changed(id);
    }

    /** The linked account's new push name (it changed its profile). */
    public void recordPushName(String id, String pushName, Instant at) {
        OwnerFence.write(jdbi, fence, id, h -> h.createUpdate(
                        "UPDATE sessions SET me_push_name = :name, updated_at = :at WHERE id = :id AND me_id IS NOT NULL")
                .bind("name", pushName).bind("at", at.toEpochMilli()).bind("id", id).execute());
        changed(id);
    }

    /** Forgets the linked account (after a logout). */
    public void clearMe(String id, Instant at) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE sessions SET me_id = NULL, me_push_name = NULL, me_lid = NULL, restrictions = NULL, updated_at = :at WHERE id = :id")
                .bind("at", at.toEpochMilli()).bind("id", id).execute());
        changed(id);
    }

    /** What WhatsApp said it restricts the account in, merged into what it said before (one part at a time). */
    public void mergeRestrictions(String id, Restrictions newer, Instant at) {
        jdbi.useTransaction(h -> {
            var current = h.createQuery("SELECT restrictions FROM sessions WHERE id = :id").bind("id", id)
                    .mapTo(String.class).findOne().map(this::restrictions);
            var merged = current.map(c -> c.merge(newer)).orElse(newer);
            try {
                h.createUpdate("UPDATE sessions SET restrictions = :r, updated_at = :at WHERE id = :id")
                        .bind("r", json.writeValueAsString(merged)).bind("at", at.toEpochMilli()).bind("id", id).execute();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("restrictions cannot be written", e);
            }
        });
        changed(id);
    }

    private Restrictions restrictions(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Restrictions.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public boolean delete(String id) {
        boolean deleted = jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE id = :id")
                .bind("id", id).execute()) == 1;
        idByName.values().remove(id);
        changed(id);
        return deleted;
    }

    private Session session(ResultSet rs) throws SQLException {
        String meId = rs.getString("me_id");
        String failureReason = rs.getString("failure_reason");
        long failureAt = rs.getLong("failure_at");
        return new Session(
                rs.getString("id"),
                rs.getString("account_id"),
                rs.getString("name"),
                rs.getString("engine"),
                SessionStatus.valueOf(rs.getString("status")),
                rs.getBoolean("should_run"),
                fromJson(rs.getString("config")),
                meId == null ? Optional.empty()
                        : Optional.of(new Me(ChatId.of(meId), rs.getString("me_push_name"),
                                Optional.ofNullable(rs.getString("me_lid")).map(ChatId::of).orElse(null),
                                restrictions(rs.getString("restrictions")))),
                failureReason == null ? Optional.empty()
                        : Optional.of(new Session.Failure(failureReason, Instant.ofEpochMilli(failureAt))),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private String toJson(SessionConfig config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("session config is always serializable", e);
        }
    }

    private SessionConfig fromJson(String text) {
        try {
            return json.readValue(text, SessionConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored session config is not readable", e);
        }
    }
}
