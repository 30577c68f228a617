package io.wagate.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
    /** Ids made one after the other in one millisecond (or after the clock stepped back) still sort in that order. */
    @Test
    void ulidsAreMonotonic() {
        var at = java.time.Instant.parse("2026-11-22T10:00:00Z");
        var now = new java.util.concurrent.atomic.AtomicReference<>(at);
        var clock = new java.time.Clock() {
            @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public java.time.Instant instant() { return now.get(); }
        };
        var ulid = new Ulid(clock);
        var made = new java.util.ArrayList<String>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ulid.next());
        }
        now.set(at.minusSeconds(1));
        made.add(ulid.next());
        now.set(at.plusMillis(1));
        made.add(ulid.next());
        assertThat(made).doesNotHaveDuplicates().isSorted().allMatch(id -> id.matches("[0-9A-HJKMNP-TV-Z]{26}"));
        assertThat(made.getFirst()).startsWith(Ulid.floor("x", at.toEpochMilli()).substring(2, 12));
    }

    @Test
    void theFloorOfAMillisecondSortsBetweenTheIdsBeforeAndFromIt() {
        var at = java.time.Instant.parse("2026-03-01T10:00:00.500Z");
        var before = new Ulid(java.time.Clock.fixed(at.minusMillis(1), java.time.ZoneOffset.UTC));
        var during = new Ulid(java.time.Clock.fixed(at, java.time.ZoneOffset.UTC));
        String floor = Ulid.floor("dlv", at.toEpochMilli());

        assertThat(floor).matches("dlv_[0-9A-HJKMNP-TV-Z]{10}0{16}");
        for (int i = 0; i < 100; i++) {
            assertThat(before.next("dlv")).isLessThan(floor);
            assertThat(during.next("dlv")).isGreaterThanOrEqualTo(floor);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1234567890|1234567890@c.us",
            "+1 234-567 890|1234567890@c.us",
            "+44 (20) 7946 0958|442079460958@c.us",
            "1234567890@c.us|1234567890@c.us",
            "1234567890@s.whatsapp.net|1234567890@c.us",
            "120363024802736123@g.us|120363024802736123@g.us",
            "1234567890-1600000000@g.us|1234567890-1600000000@g.us",
            "120363024802736123@newsletter|120363024802736123@newsletter",
            "123456789012345@lid|123456789012345@lid",
            "  1234567890  |1234567890@c.us"})
    void chatIdsAreNormalized(String raw, String expected) {
        assertThat(ChatIds.normalize(raw, "chatId")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "123456", "1234567890123456", "abc", "12345678@x.us", "@c.us",
            "1234567890@c.us@g.us", "12345 678 ab", "١٢٣٤٥٦٧٨٩٠", "1234567890@G.US"})
    void badChatIdsAre400NamingTheField(String raw) {
        assertThatThrownBy(() -> ChatIds.normalize(raw, "chatId"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                .hasMessageContaining("chatId");
    }
}
