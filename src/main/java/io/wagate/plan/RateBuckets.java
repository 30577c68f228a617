package io.wagate.plan;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per account (all its keys together): a burst of one second's allowance, refilled
 * evenly over the second. In memory only: a restart gives every account a full bucket, which costs at
 * most one second's allowance. Time comes from the injected clock, so tests can stop it.
 */
public final class RateBuckets {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final TimeMeter time;
    private final Map<String, Sized> buckets = new ConcurrentHashMap<>();

    public RateBuckets(Clock clock) {
        this.time = new ClockTime(clock);
    }

    /**
     * An account's bucket after a request: whether it took a token, the whole tokens left, and the
     * seconds (rounded up) until one more token and until the bucket is full again.
     */
    public record Probe(boolean consumed, long remaining, long retryAfterSeconds, long resetSeconds) {}

    private record Sized(int perSecond, Bucket bucket) {}

    public Probe tryConsume(String accountId, int perSecond) {
        var bucket = bucket(accountId, perSecond);
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Probe(probe.isConsumed(), probe.getRemainingTokens(),
                Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())), resetSeconds(bucket, perSecond));
    }

    /** The bucket as it is, taking nothing (for the headers of a request refused for another reason). */
    public Probe peek(String accountId, int perSecond) {
        var bucket = bucket(accountId, perSecond);
        long available = bucket.getAvailableTokens();
        return new Probe(false, available, 0, resetSeconds(bucket, perSecond));
    }

    private Bucket bucket(String accountId, int perSecond) {
        // A plan change that alters the rate gives the account a new, full bucket of the new size.
        return buckets.compute(accountId, (id, existing) -> existing != null && existing.perSecond() == perSecond
                ? existing : new Sized(perSecond, Bucket.builder()
                        .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                        .withCustomTimePrecision(time)
                        .build())).bucket();
    }

    private static long resetSeconds(Bucket bucket, int perSecond) {
        long missing = perSecond - bucket.getAvailableTokens();
        return missing <= 0 ? 0 : ceilSeconds(missing * NANOS_PER_SECOND / perSecond);
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            var now = clock.instant();
            return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
