package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wagate.http.v1.V1ErrorMapper;
import io.wagate.support.TestServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A real fault (the store gone) is a 500 with an error id that the log repeats, and /health says 503. */
class ServerFaultTest {
    @Test
    void aBrokenStoreGives500WithALoggedIdAndNoStackTrace() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var mapperLog = (Logger) LoggerFactory.getLogger(V1ErrorMapper.class);
        mapperLog.addAppender(appender);
        try (var server = TestServer.start()) {
            var api = server.api();
            assertThat(api.get("/v1/sessions").status()).isEqualTo(200);

            server.app().database().close();

            var failed = api.get("/v1/sessions");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.json().path("statusCode").asInt()).isEqualTo(500);
            assertThat(failed.json().path("error").asText()).isEqualTo("Internal Server Error");
            String message = failed.json().path("message").asText();
            var id = java.util.regex.Pattern.compile("err_[0-9A-Z]{26}").matcher(message);
            assertThat(id.find()).as(message).isTrue();
            assertThat(failed.text()).doesNotContain("Exception").doesNotContain("at io.wagate");
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getLevel().toString()).isEqualTo("ERROR");
                assertThat(event.getFormattedMessage()).contains(id.group());
                assertThat(event.getThrowableProxy()).isNotNull();
            });

            var health = api.anonymous().get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("database").path("up").asBoolean()).isFalse();
        } finally {
            mapperLog.detachAppender(appender);
        }
    }
}
