package io.wagate.plan;

import io.wagate.plan.UsageStore.Delta;
import io.wagate.plan.UsageStore.MonthlyUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts requests per account and month in memory and adds them to the store in batches, every
 * {@code flushEvery} and on close, so that a request costs no database write. A {@code kill -9}
 * loses at most the requests of the last interval; a clean stop loses none.
 */
public final class UsageMeter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UsageMeter.class);

    private final UsageStore store;
    private final Clock clock;
    private final Duration flushEvery;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    /** Whether other processes count into the same rows (a cluster): then each flush reads their counts back. */
    private final boolean shared;

    public UsageMeter(UsageStore store, Clock clock, Duration flushEvery) {
        this(store, clock, flushEvery, false);
    }

    public UsageMeter(UsageStore store, Clock clock, Duration flushEvery, boolean shared) {
        this.store = store;
        this.clock = clock;
        this.flushEvery = flushEvery;
        this.shared = shared;
    }

    /** The outcome of counting one request: whether it was, and the month's totals after it. */
    public record Count(boolean counted, long requests, long overage) {}

    private record Key(String accountId, YearMonth month) {}

    /** One account's month: stored totals plus what is not stored yet. Guarded by its own monitor. */
    private static final class Counter {
        boolean loaded;
        /** Set once the flusher dropped this counter: a caller holding it must look it up again. */
        boolean retired;
        long requests;
        long overage;
        long pendingRequests;
        long pendingOverage;
    }

    public synchronized void start() {
        if (flusher == null) {
            flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("usage-flush").daemon()
                    .factory());
            long millis = flushEvery.toMillis();
            flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** The month's totals so far, what is not stored yet included. */
    public MonthlyUsage usage(String accountId, YearMonth month) {
        var key = new Key(accountId, month);
        while (true) {
            // Kept in memory after the first look, so an account refused all month costs no query a request.
            var counter = counters.computeIfAbsent(key, k -> new Counter());
            synchronized (counter) {
                if (!counter.retired) {
                    load(accountId, month, counter);
                    return new MonthlyUsage(counter.requests, counter.overage);
                }
            }
        }
    }

    /**
     * Counts one request against {@code plan}: refused (not counted) when the plan's quota is hard and
     * used up; counted as overage too when it goes beyond the quota of an overage plan.
     */
    public Count count(String accountId, YearMonth month, Plan plan) {
        var key = new Key(accountId, month);
        while (true) {
            var counter = counters.computeIfAbsent(key, k -> new Counter());
            synchronized (counter) {
                if (counter.retired) {
                    continue;
                }
                load(accountId, month, counter);
                Long quota = plan.requestsPerMonth();
                if (plan.hardQuota() && counter.requests >= quota) {
                    return new Count(false, counter.requests, counter.overage);
                }
                counter.requests++;
                counter.pendingRequests++;
                if (quota != null && counter.requests > quota) {
                    counter.overage++;
                    counter.pendingOverage++;
                }
                return new Count(true, counter.requests, counter.overage);
            }
        }
    }

    /**
     * Adds what is pending to the store in one transaction; on failure it stays pending for the
     * next try. Then drops the counters of past months, which have nothing pending any more.
     */
    public synchronized void flush() {
        var current = CalendarMonth.of(clock.instant());
        var taken = new ArrayList<Taken>();
        counters.forEach((key, counter) -> {
            synchronized (counter) {
                if (counter.pendingRequests > 0 || counter.pendingOverage > 0) {
                    taken.add(new Taken(counter, new Delta(key.accountId(), key.month(), counter.pendingRequests,
                            counter.pendingOverage)));
                    counter.pendingRequests = 0;
                    counter.pendingOverage = 0;
                }
            }
        });
        try {
            store.add(taken.stream().map(Taken::delta).toList());
        } catch (RuntimeException e) {
            for (var t : taken) {
                synchronized (t.counter()) {
                    t.counter().pendingRequests += t.delta().requests();
                    t.counter().pendingOverage += t.delta().overage();
                }
            }
            throw e;
        }
        if (shared) {
            catchUp(current);
        }
        counters.forEach((key, counter) -> {
            synchronized (counter) {
                if (key.month().isBefore(current) && counter.pendingRequests == 0 && counter.pendingOverage == 0) {
                    counter.retired = true;
                    counters.remove(key, counter);
                }
            }
        });
    }

    private record Taken(Counter counter, Delta delta) {}

    /**
     * The month's totals as every node stored them, plus what this one counted since its flush: so a quota
     * holds across the cluster, give or take what the other nodes counted within one flush interval.
     */
    private void catchUp(YearMonth month) {
        var stored = store.month(month);
        counters.forEach((key, counter) -> {
            if (!key.month().equals(month)) {
                return;
            }
            var usage = stored.get(key.accountId());
            if (usage == null) {
                return;
            }
            synchronized (counter) {
                if (counter.loaded) {
                    counter.requests = Math.max(counter.requests, usage.requests() + counter.pendingRequests);
                    counter.overage = Math.max(counter.overage, usage.overage() + counter.pendingOverage);
                }
            }
        });
    }

    /** Stops the flusher and stores what is left. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = flusher;
        }
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("the usage flusher did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("the last usage counts could not be stored and are lost", e);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // Kept pending: the next run tries again. A database that is down is reported by /health too.
            log.warn("usage counters could not be stored (kept for the next try): {}", e.getMessage());
        }
    }

    private void load(String accountId, YearMonth month, Counter counter) {
        if (!counter.loaded) {
            var stored = store.find(accountId, month).orElse(MonthlyUsage.NONE);
            counter.requests += stored.requests();
            counter.overage += stored.overage();
            counter.loaded = true;
        }
    }
}
