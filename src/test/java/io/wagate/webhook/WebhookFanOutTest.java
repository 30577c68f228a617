package io.wagate.webhook;

import static io.wagate.webhook.WebhookDeliveryTest.register;
import static io.wagate.webhook.WebhookDeliveryTest.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Receiver;
import io.wagate.support.Receiver.Reply;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One slow or dead receiver never delays the others (see README "Webhooks"). */
class WebhookFanOutTest {
    private static final int SUBSCRIBERS = 100;
    private static final String HANGING = "/hook/0";

    @Test
    void aHundredSubscribersOneOfThemHangingTheOtherNinetyNineGetEveryEventPromptly() {
        // The real 10 s timeout: the hanging receiver holds its request that long, again and again.
        try (var receiver = Receiver.start().answer(r -> r.path().equals(HANGING) ? Reply.hang() : Reply.ok());
             var server = TestServer.startWithoutAutoLink()) {
            var api = server.api();
            Sessions.linked(api, "talker", "15555000001");
            Sessions.linked(api, "popular", "15555000002");
            for (int i = 0; i < SUBSCRIBERS; i++) {
                register(api, "popular", Map.of("webhookUrl", receiver.url("/hook/" + i)));
            }
            assertThat(api.get("/v1/sessions/popular/webhooks").json()).hasSize(SUBSCRIBERS);

            for (int round = 0; round < 5; round++) {
                String text = "round " + round;
                long sentAt = System.currentTimeMillis();
                send(api, "talker", "15555000002", text);

                var got = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                        .until(() -> receivedBy(receiver, text), paths -> paths.size() == SUBSCRIBERS - 1);
                long slowest = receiver.requests().stream().filter(r -> body(r).equals(text))
                        .mapToLong(Receiver.Request::receivedAtMillis).max().orElseThrow() - sentAt;
                assertThat(got).doesNotContain(HANGING);
                assertThat(slowest).as("the 99 others all had round %d after %d ms", round, slowest)
                        .isLessThan(2000);
            }
            assertThat(receiver.requests(HANGING)).as("the hanging one got its first event, and hangs on it")
                    .hasSize(1);
            assertThat(receiver.requests(HANGING).getFirst().answered()).isZero();
        }
    }

    private static List<String> receivedBy(Receiver receiver, String text) {
        return receiver.requests().stream().filter(r -> r.answered() == 200 && body(r).equals(text))
                .map(Receiver.Request::path).distinct().collect(Collectors.toList());
    }

    private static String body(Receiver.Request request) {
        return request.json().path("payload").path("body").asText();
    }
}
