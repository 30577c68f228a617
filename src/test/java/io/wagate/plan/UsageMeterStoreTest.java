package io.wagate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.plan.UsageStore.Delta;
import io.wagate.plan.UsageStore.MonthlyUsage;
import io.wagate.support.TestClock;
import io.wagate.support.TestDatabase;
import io.wagate.support.TestDatabase.Backend;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The plans and usage tables and the usage meter's batching, on SQLite and on PostgreSQL. */
class UsageMeterStoreTest {
    private static final YearMonth MARCH = YearMonth.of(2026, 3);
    private static final YearMonth APRIL = YearMonth.of(2026, 4);
    private static final Plan HARD_TWO = new Plan("hard-two", 2L, null, null, false);
    private static final Plan SOFT_TWO = new Plan("soft-two", 2L, null, null, true);

    private static void insertAccount(Jdbi jdbi, String id) {
        jdbi.useHandle(h -> h.execute("INSERT INTO accounts (id, name, plan, is_admin, created_at) "
                + "VALUES (?, ?, 'basic', FALSE, 1)", id, id));
    }

    /** The usage table of fresh storage that has one account, {@code accountId}. */
    private static UsageStore usageStoreWith(TestDatabase storage, String accountId) {
        var jdbi = storage.open().jdbi();
        insertAccount(jdbi, accountId);
        return new UsageStore(jdbi);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void plansAreSeededAndRoundtripWithUnlimitedLimits(Backend backend) {
        try (var storage = backend.create()) {
            var plans = new PlanStore(storage.open().jdbi());

            assertThat(plans.list()).extracting(Plan::name).containsExactly("basic", "mega", "pro", "ultra",
                    "unlimited");
            assertThat(plans.find("basic")).contains(new Plan("basic", 100L, 10, 1, false));
            assertThat(plans.find("mega")).contains(new Plan("mega", 50_000L, 25, null, true));
            assertThat(plans.find("unlimited")).contains(new Plan("unlimited", null, null, null, false));

            var custom = new Plan("custom", null, 7, null, true);
            assertThat(plans.insert(custom)).isTrue();
            assertThat(plans.insert(new Plan("custom", 1L, 1, 1, false))).as("a taken name").isFalse();
            assertThat(plans.find("custom")).contains(custom);
            var changed = new Plan("custom", 5_000_000_000L, null, 0, false);
            assertThat(plans.update(changed)).isTrue();
            assertThat(plans.find("custom")).contains(changed);
            assertThat(plans.update(new Plan("missing", 1L, 1, 1, false))).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deltasAddUpPerAccountAndMonth(Backend backend) {
        try (var storage = backend.create()) {
            var jdbi = storage.open().jdbi();
            insertAccount(jdbi, "acc_a");
            insertAccount(jdbi, "acc_b");
            var usage = new UsageStore(jdbi);

            usage.add(List.of(new Delta("acc_a", MARCH, 3, 0), new Delta("acc_b", MARCH, 1, 1)));
            usage.add(List.of(new Delta("acc_a", MARCH, 4, 2), new Delta("acc_a", APRIL, 1, 0)));
            usage.add(List.of());

            assertThat(usage.find("acc_a", MARCH)).contains(new MonthlyUsage(7, 2));
            assertThat(usage.find("acc_a", APRIL)).contains(new MonthlyUsage(1, 0));
            assertThat(usage.find("acc_b", MARCH)).contains(new MonthlyUsage(1, 1));
            assertThat(usage.find("acc_b", APRIL)).isEqualTo(Optional.empty());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theMeterWritesOnlyWhenItFlushesAndPicksUpWhatWasStored(Backend backend) {
        try (var storage = backend.create()) {
            var store = usageStoreWith(storage, "acc_m");
            var clock = TestClock.at("2026-03-15T00:00:00Z");
            var meter = new UsageMeter(store, clock, Duration.ofHours(1));

            assertThat(meter.count("acc_m", MARCH, SOFT_TWO).counted()).isTrue();
            assertThat(meter.count("acc_m", MARCH, SOFT_TWO).counted()).isTrue();
            var third = meter.count("acc_m", MARCH, SOFT_TWO);
            assertThat(third).isEqualTo(new UsageMeter.Count(true, 3, 1));
            assertThat(store.find("acc_m", MARCH)).as("no write per request").isEmpty();
            assertThat(meter.usage("acc_m", MARCH)).isEqualTo(new MonthlyUsage(3, 1));

            meter.flush();
            assertThat(store.find("acc_m", MARCH)).contains(new MonthlyUsage(3, 1));
            meter.count("acc_m", MARCH, SOFT_TWO);
            meter.close();
            assertThat(store.find("acc_m", MARCH)).as("close stores the rest").contains(new MonthlyUsage(4, 2));

            var again = new UsageMeter(store, clock, Duration.ofHours(1));
            assertThat(again.count("acc_m", MARCH, SOFT_TWO)).isEqualTo(new UsageMeter.Count(true, 5, 3));
            assertThat(again.count("acc_m", MARCH, HARD_TWO)).as("a hard quota already passed")
                    .isEqualTo(new UsageMeter.Count(false, 5, 3));
            again.close();
            assertThat(store.find("acc_m", MARCH)).contains(new MonthlyUsage(5, 3));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPastMonthIsDroppedFromMemoryOnceStoredAndStillCounts(Backend backend) {
        try (var storage = backend.create()) {
            var store = usageStoreWith(storage, "acc_p");
            var clock = TestClock.at("2026-03-31T23:59:59Z");
            var meter = new UsageMeter(store, clock, Duration.ofHours(1));
            meter.count("acc_p", MARCH, HARD_TWO);

            clock.set(java.time.Instant.parse("2026-04-01T00:00:01Z"));
            meter.flush();
            meter.flush();

            assertThat(store.find("acc_p", MARCH)).contains(new MonthlyUsage(1, 0));
            assertThat(meter.count("acc_p", MARCH, HARD_TWO)).as("a late request for March, read back from the store")
                    .isEqualTo(new UsageMeter.Count(true, 2, 0));
            meter.close();
            assertThat(store.find("acc_p", MARCH)).contains(new MonthlyUsage(2, 0));
        }
    }
}
