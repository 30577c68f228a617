package io.wagate.http;

import io.javalin.http.Context;
import io.wagate.error.ApiException;
import io.wagate.plan.RequestLimiter;

/**
 * Before-handler of an API surface, after {@link Auth}: applies the key's plan limits and writes
 * the rate-limit headers, on refusals and on answers alike. A refusal is an {@link ApiException}
 * (429), so each surface answers it in its own error shape. A header whose limit the plan does not
 * have (the admin's {@code unlimited}) is left out.
 */
public final class PlanLimits {
    private final RequestLimiter limiter;

    public PlanLimits(RequestLimiter limiter) {
        this.limiter = limiter;
    }

    public void enforce(Context ctx) {
        var principal = Auth.principal(ctx);
        var verdict = limiter.admit(principal.accountId(), principal.plan());
        verdict.rate().ifPresent(rate -> {
            ctx.header("X-RateLimit-Limit", Long.toString(rate.limit()));
            ctx.header("X-RateLimit-Remaining", Long.toString(rate.remaining()));
            ctx.header("X-RateLimit-Reset", Long.toString(rate.resetSeconds()));
        });
        verdict.quota().ifPresent(quota -> {
            ctx.header("X-Quota-Limit", Long.toString(quota.limit()));
            ctx.header("X-Quota-Remaining", Long.toString(quota.remaining()));
            ctx.header("X-Quota-Reset", Long.toString(quota.resetSeconds()));
        });
        if (!verdict.admitted()) {
            throw ApiException.tooManyRequests(verdict.refusal().orElseThrow(), verdict.retryAfterSeconds());
        }
    }
}
