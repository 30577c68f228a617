package io.wagate.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Sandbox message ids: WhatsApp Web's shape, ascending even within one millisecond and if the clock steps back. */
class SandboxIdsTest {

    @Test
    void messageIdsHaveWhatsAppsShapeAndAscend() {
        var now = new Instant[] {Instant.parse("2026-11-22T10:00:00Z")};
        var clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        var ids = new SandboxIds.MessageIds(clock);
        var made = new ArrayList<String>();
        for (int i = 0; i < 1_000; i++) {
            made.add(ids.next()); // one millisecond
        }
        now[0] = now[0].plusMillis(1);
        made.add(ids.next());
        now[0] = now[0].minusSeconds(5); // a clock set back
        made.add(ids.next());

        assertThat(made).allMatch(id -> id.matches("3EB0[0-9A-F]{16}"));
        assertThat(made).doesNotHaveDuplicates().isSorted();
    }
}
