package io.wagate.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.error.ApiException;
import io.wagate.support.TestDatabase;
import io.wagate.support.TestDatabase.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatIdTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+49 (151) 2345-6789|4915123456789@c.us|person|false|false",
            "4915123456789@s.whatsapp.net|4915123456789@c.us|person|false|false",
            "123456789012345@lid|123456789012345@lid|person|false|true",
            "120363024802736123@g.us|120363024802736123@g.us|group|false|false",
            "4915123456789-1600000000@g.us|4915123456789-1600000000@g.us|group|false|false",
            "120363024802736123@newsletter|120363024802736123@newsletter|channel|true|false"})
    void parseGivesTheCanonicalIdAndItsKind(String raw, String canonical, String kind, boolean channel, boolean lid) {
        var id = ChatId.parse(raw, "chatId");
        assertThat(id.value()).isEqualTo(canonical);
        assertThat(id.isPerson()).isEqualTo(kind.equals("person"));
        assertThat(id.isGroup()).isEqualTo(kind.equals("group"));
        assertThat(id.isChannel()).isEqualTo(channel);
        assertThat(id.isLid()).isEqualTo(lid);
        assertThat(id.phone().isPresent()).isEqualTo(canonical.endsWith("@c.us"));
        assertThat(ChatId.of(canonical)).isEqualTo(id);
    }

    @Test
    void badClientInputIsA400NamingTheFieldAndNonCanonicalInternalValuesAreRefused() {
        assertThatThrownBy(() -> ChatId.parse("hello", "to")).isInstanceOf(ApiException.class).hasMessageContaining("to");
        assertThatThrownBy(() -> ChatId.of("+4915123456789")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChatId("4915123456789@s.whatsapp.net")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ChatId.ofPhone("4915123456789").phone()).contains("4915123456789");
    }

    @Test
    void jsonCarriesThePlainString() throws Exception {
        var mapper = new ObjectMapper();
        var id = ChatId.of("120363024802736123@g.us");
        assertThat(mapper.writeValueAsString(List.of(id))).isEqualTo("[\"120363024802736123@g.us\"]");
        assertThat(mapper.readValue("\"4915123456789@c.us\"", ChatId.class)).isEqualTo(ChatId.ofPhone("4915123456789"));
    }

    @Test
    void theStoreBindsAndMapsChatIds() {
        try (var storage = TestDatabase.create(Backend.SQLITE)) {
            var id = ChatId.of("123456789012345@lid");
            String read = storage.open().jdbi().withHandle(h -> h.createQuery("SELECT :id").bind("id", id)
                    .mapTo(String.class).one());
            assertThat(read).isEqualTo(id.value());
            ChatId mapped = storage.open().jdbi().withHandle(h -> h.createQuery("SELECT '4915123456789@c.us'")
                    .mapTo(ChatId.class).one());
            assertThat(mapped).isEqualTo(ChatId.ofPhone("4915123456789"));
        }
    }
}
