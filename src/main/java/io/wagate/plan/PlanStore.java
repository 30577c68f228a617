package io.wagate.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/** The plans table. */
public final class PlanStore {
    private static final String COLUMNS = "name, requests_per_month, requests_per_second, max_sessions, overage";

    private final Jdbi jdbi;

    public PlanStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Plan> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM plans ORDER BY name")
                .map((rs, ctx) -> plan(rs)).list());
    }

    public Optional<Plan> find(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM plans WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> plan(rs)).findOne());
    }

    /** Inserts a plan; false when the name is taken (the primary key decides races). */
    public boolean insert(Plan plan) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO plans (" + COLUMNS + ") VALUES "
                            + "(:name, :requestsPerMonth, :requestsPerSecond, :maxSessions, :overage)")
                    .bindMethods(plan)
                    .execute());
            return true;
        } catch (StatementException e) {
            if (find(plan.name()).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces the limits of an existing plan; false when there is no such plan. */
    public boolean update(Plan plan) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE plans
                        SET requests_per_month = :requestsPerMonth, requests_per_second = :requestsPerSecond,
                            max_sessions = :maxSessions, overage = :overage
                        WHERE name = :name""")
                .bindMethods(plan)
                .execute()) == 1;
    }

    private static Plan plan(ResultSet rs) throws SQLException {
        Long perMonth = nullable(rs, rs.getLong("requests_per_month"));
        Long perSecond = nullable(rs, rs.getLong("requests_per_second"));
        Long sessions = nullable(rs, rs.getLong("max_sessions"));
        return new Plan(rs.getString("name"), perMonth, perSecond == null ? null : perSecond.intValue(),
                sessions == null ? null : sessions.intValue(), rs.getBoolean("overage"));
    }

    /** The value just read, or null when the column was SQL NULL (the drivers differ on getObject). */
    private static Long nullable(ResultSet rs, long value) throws SQLException {
        return rs.wasNull() ? null : value;
    }
}
