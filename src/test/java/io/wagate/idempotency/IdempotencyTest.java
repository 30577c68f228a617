package io.wagate.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestClock;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Idempotency-Key on sends: once per account and key for 24 hours. */
class IdempotencyTest {
    private static final TestClock CLOCK = TestClock.at("2026-06-01T10:00:00Z");
    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.startWithoutAutoLink(
            UnaryOperator.identity(), CLOCK));
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    static final String IVY = "15556660001";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "ivy", IVY);
    }

    private static Api.Response send(Api api, String key, String text) {
        var response = api.withHeader("Idempotency-Key", key).post("/v1/sendText",
                Map.of("session", "ivy", "chatId", "15550000002", "text", text));
        CONTRACT.assertConforms("POST", "/v1/sendText", response);
        return response;
    }

    private static long sent(String text) {
        var history = server.api().get("/v1/messages?session=ivy&chatId=15550000002&limit=1000").json();
        return history.findValuesAsText("body").stream().filter(text::equals).count();
    }

    private static Api admin() {
        return server.api().withHeader("X-API-Key", TestServer.ADMIN_KEY);
    }

    @Test
    void aRepeatReplaysTheFirstAnswerAndSendsNothing() {
        var first = send(admin(), "order-1001", "your order shipped");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        var again = send(admin(), "order-1001", "your order shipped");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(sent("your order shipped")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() {
        assertThat(send(admin(), "order-1002", "first text").status()).isEqualTo(201);
        var other = send(admin(), "order-1002", "second text");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().path("message").asText()).contains("Idempotency-Key");
        assertThat(sent("second text")).isZero();
    }

    @Test
    void aFailedRequestKeepsNothing() {
        var failed = admin().withHeader("Idempotency-Key", "order-1003").post("/v1/sendText",
                Map.of("session", "ivy", "chatId", "15559999999", "text", "to nobody"));
        assertThat(failed.status()).isEqualTo(400);
        assertThat(send(admin(), "order-1003", "to somebody").status()).isEqualTo(201);
    }

    @Test
    void keysArePerAccountAndExpireAfterADay() {
        var other = server.api().withHeader("X-API-Key", Accounts.createKey(server.api(), "other-tenant", "pro"));
        assertThat(send(admin(), "shared-key", "once").status()).isEqualTo(201);
        // another account's same key is its own (its send fails for want of the session, not for the key)
        var foreign = other.withHeader("Idempotency-Key", "shared-key").post("/v1/sendText",
                Map.of("session", "ivy", "chatId", "15550000002", "text", "once"));
        assertThat(foreign.status()).isEqualTo(404);

        CLOCK.advance(Duration.ofHours(25));
        var later = send(admin(), "shared-key", "once");
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header("Idempotent-Replayed")).isNull();
        assertThat(sent("once")).isEqualTo(2);
    }

    @Test
    void badKeysAre400() {
        assertThat(send(admin(), "x".repeat(201), "too long a key").status()).isEqualTo(400);
        assertThat(send(admin(), "has space", "spaced key").status()).isEqualTo(400);
    }
}
