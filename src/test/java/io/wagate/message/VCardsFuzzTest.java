package io.wagate.message;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wagate.support.FuzzInvariant;

/** A vCard made from a client's name and organisation has exactly its own lines: nothing can add a property. */
class VCardsFuzzTest {
    @FuzzTest(maxDuration = "3s")
    void namesCannotAddLines(FuzzedDataProvider data) throws Exception {
        String name = data.consumeString(300);
        String organization = data.consumeBoolean() ? data.consumeRemainingAsString() : null;
        FuzzInvariant.holds(() -> {
            String card = VCards.of(name, "15550001111", organization);
            var lines = card.split("\n", -1);
            int expected = organization == null || organization.isBlank() ? 6 : 7;
            if (lines.length != expected || card.indexOf('\r') >= 0 || !lines[0].equals("BEGIN:VCARD")
                    || !lines[lines.length - 1].equals("END:VCARD")) {
                throw new AssertionError("the card has other lines than its own:\n" + card);
            }
        });
    }
}
