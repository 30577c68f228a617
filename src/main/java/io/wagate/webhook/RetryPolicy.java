package io.wagate.webhook;

import io.wagate.session.SessionConfig.WebhookConfig.Retries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: {@code constant} waits {@code delaySeconds} each time,
 * {@code linear} that times the number of failures so far, {@code exponential} doubles it with each failure.
 * Every wait is capped at 15 minutes and spread by ±20 % so that many deliveries failing together do not come
 * back together. A receiver's {@code Retry-After} replaces the computed wait (still capped, not spread).
 * {@code attempts} counts every request, the first included.
 */
public record RetryPolicy(Kind kind, int delaySeconds, int attempts) {
    public static final int MAX_DELAY_SECONDS = 15 * 60;
    public static final Duration CAP = Duration.ofSeconds(MAX_DELAY_SECONDS);
    public static final RetryPolicy DEFAULT = new RetryPolicy(Kind.EXPONENTIAL, 2, 10);
    static final double JITTER = 0.2;

    public enum Kind {
        CONSTANT, LINEAR, EXPONENTIAL;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Kind> of(String wire) {
            return Arrays.stream(values()).filter(k -> k.wire().equals(wire)).findFirst();
        }
    }

    /** The policy of a stored (already checked) entry; defaults for anything left out. */
    public static RetryPolicy of(Retries retries) {
        if (retries == null) {
            return DEFAULT;
        }
        return new RetryPolicy(
                retries.policy() == null ? DEFAULT.kind : Kind.of(retries.policy()).orElse(DEFAULT.kind),
                retries.delaySeconds() == null ? DEFAULT.delaySeconds : retries.delaySeconds(),
                retries.attempts() == null ? DEFAULT.attempts : retries.attempts());
    }

    public Retries asConfig() {
        return new Retries(kind.wire(), delaySeconds, attempts);
    }

    /** Whether a delivery that has failed {@code failures} times gets another attempt. */
    public boolean exhausted(int failures) {
        return failures >= attempts;
    }

    /**
     * The wait before the next attempt, after {@code failures} (≥ 1) failed ones.
     *
     * @param retryAfter what the receiver asked for, if it did
     */
    public Duration delay(int failures, Optional<Duration> retryAfter, RandomGenerator random) {
        if (retryAfter.isPresent()) {
            var asked = retryAfter.get();
            return asked.isNegative() ? Duration.ZERO : asked.compareTo(CAP) > 0 ? CAP : asked;
        }
        double seconds = switch (kind) {
            case CONSTANT -> delaySeconds;
            case LINEAR -> (double) delaySeconds * failures;
            case EXPONENTIAL -> delaySeconds * Math.pow(2, Math.min(failures - 1, 30));
        };
        seconds = Math.min(seconds, MAX_DELAY_SECONDS);
        double spread = 1 + JITTER * (2 * random.nextDouble() - 1);
        long millis = Math.round(Math.min(seconds * spread, MAX_DELAY_SECONDS) * 1000);
        return Duration.ofMillis(millis);
    }

    /**
     * A {@code Retry-After} header: seconds, or an HTTP date (RFC 9110 §10.2.3) read against {@code now}.
     * Anything else is ignored.
     */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                var wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
