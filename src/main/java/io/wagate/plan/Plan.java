package io.wagate.plan;

/**
 * A plan's limits; a null limit is unlimited. With {@code overage} a request beyond the monthly
 * quota is served and counted as overage; without it the quota is hard and the request is refused.
 */
public record Plan(String name, Long requestsPerMonth, Integer requestsPerSecond, Integer maxSessions,
                   boolean overage) {

    /** True when requests beyond {@link #requestsPerMonth} are refused. */
    public boolean hardQuota() {
        return requestsPerMonth != null && !overage;
    }
}
