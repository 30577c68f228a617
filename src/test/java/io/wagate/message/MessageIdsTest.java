package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.engine.MessageKey;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import io.wagate.ids.ChatId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdsTest {
    @Test
    void messageIdsRoundTrip() {
        var personal = new MessageKey(ChatId.of("1234567890@c.us"), true, "3EB0C1A2B3", Optional.empty());
        assertThat(personal.serialized()).isEqualTo("true_1234567890@c.us_3EB0C1A2B3");
        assertThat(MessageIds.parse(personal.serialized(), "messageId")).isEqualTo(personal);

        var group = new MessageKey(ChatId.of("120363024802736123@g.us"), false, "ABCDEF123456", Optional.of(ChatId.of("1234567890@c.us")));
        assertThat(group.serialized()).isEqualTo("false_120363024802736123@g.us_ABCDEF123456_1234567890@c.us");
        assertThat(MessageIds.parse(group.serialized(), "messageId")).isEqualTo(group);

        assertThat(MessageIds.parse("true_1234567890@s.whatsapp.net_3EB0C1A2B3", "id").chatId())
                .isEqualTo(ChatId.of("1234567890@c.us"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3EB0C1A2B3", "yes_1234567890@c.us_3EB0C1A2B3", "true_1234567890_3EB0C1A2B3",
            "true_1234567890@c.us_", "true_hello@c.us_3EB0C1A2B3", "true_1234567890@c.us_3EB0-C1A2"})
    void malformedMessageIdsAre400(String raw) {
        assertThatThrownBy(() -> MessageIds.parse(raw, "messageId"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                .hasMessageContaining("messageId");
    }
}
