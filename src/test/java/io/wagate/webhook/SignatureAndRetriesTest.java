package io.wagate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SignatureAndRetriesTest {
    /** Always the same "random" number, so a delay can be checked exactly. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static final RandomGenerator MIDDLE = fixed(0.5);

    @Test
    void theHmacMatchesTheVectorOfDesignSection8() {
        byte[] body = "{\"event\":\"message\",\"session\":\"default\",\"engine\":\"WEBJS\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(Signature.hmacSha512("my-secret-key", body)).isEqualTo("208f8a55dde9e05519e898b10b89bf0d0b3b0fdf11"
                + "fdbf09b6b90476301b98d8097c462b2b17a6ce93b6b47a136cf2e78a33a63f6752c2c1631777076153fa89");
    }

    @Test
    void constantLinearAndExponentialPoliciesWaitAsNamed() {
        var constant = new RetryPolicy(RetryPolicy.Kind.CONSTANT, 3, 5);
        var linear = new RetryPolicy(RetryPolicy.Kind.LINEAR, 3, 5);
        var exponential = new RetryPolicy(RetryPolicy.Kind.EXPONENTIAL, 3, 5);

        assertThat(constant.delay(1, Optional.empty(), MIDDLE)).isEqualTo(Duration.ofSeconds(3));
        assertThat(constant.delay(4, Optional.empty(), MIDDLE)).isEqualTo(Duration.ofSeconds(3));
        assertThat(linear.delay(1, Optional.empty(), MIDDLE)).isEqualTo(Duration.ofSeconds(3));
        assertThat(linear.delay(4, Optional.empty(), MIDDLE)).isEqualTo(Duration.ofSeconds(12));
        assertThat(exponential.delay(1, Optional.empty(), MIDDLE)).isEqualTo(Duration.ofSeconds(3));
        assertThat(exponential.delay(2, Optional.empty(), MIDDLE)).isEqualTo(Duration.ofSeconds(6));
        assertThat(exponential.delay(4, Optional.empty(), MIDDLE)).isEqualTo(Duration.ofSeconds(24));
    }

    @Test
    void everyWaitIsCappedAtFifteenMinutesAndSpreadByAFifthEitherWay() {
        var exponential = new RetryPolicy(RetryPolicy.Kind.EXPONENTIAL, 2, 100);

        assertThat(exponential.delay(60, Optional.empty(), MIDDLE)).isEqualTo(Duration.ofMinutes(15));
        assertThat(exponential.delay(60, Optional.empty(), fixed(0.999999))).isEqualTo(Duration.ofMinutes(15));
        assertThat(exponential.delay(3, Optional.empty(), fixed(0))).isEqualTo(Duration.ofMillis(6400));
        assertThat(exponential.delay(3, Optional.empty(), fixed(0.999999))).isBetween(Duration.ofMillis(9590),
                Duration.ofMillis(9600));
        var spread = new java.util.HashSet<Duration>();
        for (int i = 0; i < 50; i++) {
            var delay = exponential.delay(3, Optional.empty(), java.util.concurrent.ThreadLocalRandom.current());
            assertThat(delay).isBetween(Duration.ofMillis(6400), Duration.ofMillis(9600));
            spread.add(delay);
        }
        assertThat(spread).as("jitter").hasSizeGreaterThan(1);
    }

    @Test
    void aRetryAfterReplacesTheWaitButNotTheCap() {
        var policy = new RetryPolicy(RetryPolicy.Kind.CONSTANT, 2, 5);

        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(7)), MIDDLE)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delay(1, Optional.of(Duration.ofHours(2)), MIDDLE)).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        var now = Instant.parse("2026-11-22T10:00:00Z");

        assertThat(RetryPolicy.parseRetryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter(" 0 ", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("Sun, 22 Nov 2026 10:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, now)).isEmpty();
    }
}
