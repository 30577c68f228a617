package io.wagate.account;

import io.wagate.error.ApiException;
import io.wagate.plan.CalendarMonth;
import io.wagate.plan.Plan;
import io.wagate.plan.PlanService;
import io.wagate.plan.UsageMeter;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.function.ToLongFunction;

/** An account's usage of a month beside its plan's limits, for the operator and for the account itself. */
public final class AccountUsage {
    private final AccountService accounts;
    private final PlanService plans;
    private final UsageMeter usage;
    /** Sessions per account id; a function so that accounts need not know the sessions feature. */
    private final ToLongFunction<String> sessionCount;
    private final Clock clock;

    public AccountUsage(AccountService accounts, PlanService plans, UsageMeter usage,
                        ToLongFunction<String> sessionCount, Clock clock) {
        this.accounts = accounts;
        this.plans = plans;
        this.usage = usage;
        this.sessionCount = sessionCount;
        this.clock = clock;
    }

    /**
     * One month of one account. {@code overage} is the part of {@code requests} beyond the quota the
     * account's plan had when each request came; the limits are the plan's as they are now; sessions
     * are counted as they are now, whatever the month.
     */
    public record Report(String accountId, String plan, YearMonth month, long requests, long overage,
                         Long requestsPerMonth, Long remaining, long sessions, Integer maxSessions) {}

    /** An account as its own keys see it: who it is, its plan's limits and this month's usage. */
    public record Overview(String id, String name, boolean admin, Plan plan, Report usage) {}

    /** The account behind a key, for that key itself: nothing here is another account's. */
    public Overview overview(String accountId) {
        var account = accounts.getAccount(accountId);
        return new Overview(account.id(), account.name(), account.admin(), plans.limitsOf(account.plan()),
                report(accountId, null));
    }

    /** {@code month} is {@code YYYY-MM} (UTC); null means the current month. */
    public Report report(String accountId, String month) {
        var account = accounts.getAccount(accountId);
        var chosen = month == null ? CalendarMonth.of(clock.instant()) : parseMonth(month);
        var plan = plans.limitsOf(account.plan());
        var used = usage.usage(account.id(), chosen);
        Long remaining = plan.requestsPerMonth() == null ? null
                : Math.max(0, plan.requestsPerMonth() - used.requests());
        return new Report(account.id(), plan.name(), chosen, used.requests(), used.overage(),
                plan.requestsPerMonth(), remaining, sessionCount.applyAsLong(account.id()), plan.maxSessions());
    }

    private static YearMonth parseMonth(String month) {
        try {
            if (month.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(month);
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ApiException.badRequest("month must be a calendar month as YYYY-MM, e.g. 2026-01");
    }
}
