package io.wagate.plan;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Quotas run by calendar month in UTC, whatever the server's time zone. */
public final class CalendarMonth {
    private CalendarMonth() {}

    public static YearMonth of(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }

    /** The instant the month after {@code month} begins, when its quota renews. */
    public static Instant end(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
