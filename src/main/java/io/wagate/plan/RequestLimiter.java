package io.wagate.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * The plan limits of one request, per account (all its keys together): the monthly quota and the
 * requests per second. HTTP-free, so every API surface can apply it and answer in its own shape.
 * A request refused here is not counted toward the month.
 */
public final class RequestLimiter {
    private final PlanService plans;
    private final RateBuckets rates;
    private final UsageMeter usage;
    private final Clock clock;

    public RequestLimiter(PlanService plans, RateBuckets rates, UsageMeter usage, Clock clock) {
        this.plans = plans;
        this.rates = rates;
        this.usage = usage;
        this.clock = clock;
    }

    /** A limit as the client sees it: the allowance, what is left of it, and seconds until it is whole again. */
    public record Window(long limit, long remaining, long resetSeconds) {}

    /**
     * The answer for one request: empty {@code refusal} when it may go ahead; the rate and quota
     * windows are empty when the plan has no such limit.
     */
    public record Verdict(Optional<String> refusal, long retryAfterSeconds, Optional<Window> rate,
                          Optional<Window> quota) {
        public boolean admitted() {
            return refusal.isEmpty();
        }
    }

    public Verdict admit(String accountId, String planName) {
        var plan = plans.limitsOf(planName);
        var now = clock.instant();
        var month = CalendarMonth.of(now);
        var monthEnd = CalendarMonth.end(month);
        long untilMonthEnd = ceilSeconds(Duration.between(now, monthEnd));

        // The quota first: a client that has used up its month should hear when the month turns,
        // not be told to retry in a second.
        if (plan.hardQuota() && usage.usage(accountId, month).requests() >= plan.requestsPerMonth()) {
            return quotaRefusal(plan, accountId, month, monthEnd, untilMonthEnd);
        }
        Optional<Window> rate = Optional.empty();
        if (plan.requestsPerSecond() != null) {
            var probe = rates.tryConsume(accountId, plan.requestsPerSecond());
            rate = Optional.of(new Window(plan.requestsPerSecond(), probe.remaining(), probe.resetSeconds()));
            if (!probe.consumed()) {
                return new Verdict(Optional.of("too many requests: plan '" + plan.name() + "' allows "
                        + plan.requestsPerSecond() + " per second; retry after " + probe.retryAfterSeconds() + " s"),
                        probe.retryAfterSeconds(), rate,
                        quota(plan, usage.usage(accountId, month).requests(), untilMonthEnd));
            }
        }
        var count = usage.count(accountId, month, plan);
        if (!count.counted()) {
            return quotaRefusal(plan, accountId, month, monthEnd, untilMonthEnd);
        }
        return new Verdict(Optional.empty(), 0, rate, quota(plan, count.requests(), untilMonthEnd));
    }

    private Verdict quotaRefusal(Plan plan, String accountId, YearMonth month, Instant monthEnd,
                                 long untilMonthEnd) {
        var rate = Optional.ofNullable(plan.requestsPerSecond()).map(perSecond -> {
            var probe = rates.peek(accountId, perSecond);
            return new Window(perSecond, probe.remaining(), probe.resetSeconds());
        });
        return new Verdict(Optional.of("monthly quota used up: plan '" + plan.name() + "' allows "
                + plan.requestsPerMonth() + " requests a month; it renews at " + monthEnd
                + " (or move the account to a larger plan)"), Math.max(1, untilMonthEnd), rate,
                quota(plan, usage.usage(accountId, month).requests(), untilMonthEnd));
    }

    private static Optional<Window> quota(Plan plan, long used, long untilMonthEnd) {
        return Optional.ofNullable(plan.requestsPerMonth())
                .map(limit -> new Window(limit, Math.max(0, limit - used), untilMonthEnd));
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
