package io.wagate.plan;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The usage_monthly table: requests and overage per account and calendar month (UTC). */
public final class UsageStore {
    private final Jdbi jdbi;

    public UsageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** What one account used in one month. */
    public record MonthlyUsage(long requests, long overage) {
        public static final MonthlyUsage NONE = new MonthlyUsage(0, 0);
    }

    /** Requests to add to an account's month. */
    public record Delta(String accountId, YearMonth month, long requests, long overage) {}

    public Optional<MonthlyUsage> find(String accountId, YearMonth month) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT requests, overage FROM usage_monthly WHERE account_id = :accountId AND month = :month")
                .bind("accountId", accountId)
                .bind("month", month.toString())
                .map((rs, ctx) -> new MonthlyUsage(rs.getLong("requests"), rs.getLong("overage")))
                .findOne());
    }

    /** Every account's totals of {@code month}, by account id. */
    public java.util.Map<String, MonthlyUsage> month(YearMonth month) {
        return jdbi.withHandle(h -> {
            var totals = new java.util.HashMap<String, MonthlyUsage>();
            h.createQuery("SELECT account_id, requests, overage FROM usage_monthly WHERE month = :month")
                    .bind("month", month.toString())
                    .map((rs, ctx) -> Map.entry(rs.getString("account_id"),
                            new MonthlyUsage(rs.getLong("requests"), rs.getLong("overage"))))
                    .forEach(e -> totals.put(e.getKey(), e.getValue()));
            return totals;
        });
    }

    /**
     * Adds every delta in one transaction. Adding (rather than writing totals) keeps the counts right
     * whatever was stored before, and the upsert makes a month's first batch and later ones the same statement.
     */
    public void add(List<Delta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO usage_monthly (account_id, month, requests, overage)
                    VALUES (:accountId, :month, :requests, :overage)
                    ON CONFLICT (account_id, month) DO UPDATE
                    SET requests = usage_monthly.requests + excluded.requests,
                        overage = usage_monthly.overage + excluded.overage""");
            for (var delta : deltas) {
                batch.bind("accountId", delta.accountId())
                        .bind("month", delta.month().toString())
                        .bind("requests", delta.requests())
                        .bind("overage", delta.overage())
                        .add();
            }
            batch.execute();
        });
    }
}
