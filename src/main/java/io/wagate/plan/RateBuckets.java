package io.wagate.plan;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * One token bucket per account (all its keys together): a burst of one second's allowance, refilled
 * evenly over the second. A single node keeps them in memory only: a restart gives every account a full
 * bucket, which costs at most one second's allowance. A cluster's nodes share them in PostgreSQL
 * (Bucket4j's backend, a row lock per take), so an account gets its allowance once, not once per node.
 * Time comes from the injected clock, so tests can stop it.
 */
public final class RateBuckets implements AutoCloseable {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** How often the rows of shared buckets that would be full again anyway are deleted, and how many at once. */
    private static final Duration CLEAN_EVERY = Duration.ofMinutes(1);
    private static final int CLEAN_BATCH = 1000;

    /** Makes the bucket of one account at one rate. */
    private final Function<Sized, Bucket> make;
    private final Map<String, Sized> buckets = new ConcurrentHashMap<>();
    /** Shared buckets only: deletes idle rows now and then. */
    private final ScheduledExecutorService cleaner;

    private RateBuckets(Function<Sized, Bucket> make, ScheduledExecutorService cleaner) {
        this.make = make;
        this.cleaner = cleaner;
    }

    /** Buckets in this process's memory. */
    public RateBuckets(Clock clock) {
        this(local(new ClockTime(clock)), null);
    }

    private static Function<Sized, Bucket> local(TimeMeter time) {
        return sized -> Bucket.builder().addLimit(limit(sized.perSecond())).withCustomTimePrecision(time).build();
    }

    /** Buckets in the {@code rate_buckets} table that every node of the cluster takes from. */
    public static RateBuckets shared(DataSource dataSource, Clock clock) {
        ProxyManager<String> proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_buckets").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .clientClock(new ClockTime(clock))
                // A bucket that would be full again anyway is worth nothing: its row may go.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build();
        var cleaner = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("rate-buckets-clean")
                .daemon().factory());
        if (proxies instanceof ExpiredEntriesCleaner expired) {
            cleaner.scheduleWithFixedDelay(() -> {
                try {
                    expired.removeExpired(CLEAN_BATCH);
                } catch (RuntimeException e) {
                    // The next round tries again; a store that is down is reported by /health.
                }
            }, CLEAN_EVERY.toMillis(), CLEAN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return new RateBuckets(sized -> proxies.builder().build(sized.accountId() + "/" + sized.perSecond(),
                () -> BucketConfiguration.builder().addLimit(limit(sized.perSecond())).build()), cleaner);
    }

    @Override
    public void close() {
        if (cleaner != null) {
            cleaner.shutdownNow();
        }
    }

    private static io.github.bucket4j.Bandwidth limit(int perSecond) {
        return io.github.bucket4j.Bandwidth.builder().capacity(perSecond)
                .refillGreedy(perSecond, Duration.ofSeconds(1)).build();
    }

    /**
     * An account's bucket after a request: whether it took a token, the whole tokens left, and the
     * seconds (rounded up) until one more token and until the bucket is full again.
     */
    public record Probe(boolean consumed, long remaining, long retryAfterSeconds, long resetSeconds) {}

    private record Sized(String accountId, int perSecond, Bucket bucket) {}

    public Probe tryConsume(String accountId, int perSecond) {
        var probe = bucket(accountId, perSecond).tryConsumeAndReturnRemaining(1);
        return new Probe(probe.isConsumed(), probe.getRemainingTokens(),
                Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())),
                resetSeconds(probe.getRemainingTokens(), perSecond));
    }

    /** The bucket as it is, taking nothing (for the headers of a request refused for another reason). */
    public Probe peek(String accountId, int perSecond) {
        long available = bucket(accountId, perSecond).getAvailableTokens();
        return new Probe(false, available, 0, resetSeconds(available, perSecond));
    }

    private Bucket bucket(String accountId, int perSecond) {
        // A plan change that alters the rate gives the account a new, full bucket of the new size.
        return buckets.compute(accountId, (id, existing) -> existing != null && existing.perSecond() == perSecond
                ? existing : new Sized(id, perSecond, make.apply(new Sized(id, perSecond, null)))).bucket();
    }

    private static long resetSeconds(long available, int perSecond) {
        long missing = perSecond - available;
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
