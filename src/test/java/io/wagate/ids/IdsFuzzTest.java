package io.wagate.ids;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wagate.message.MessageIds;
import io.wagate.support.FuzzInvariant;

/** Chat and message ids as clients write them: normalised or refused, and a normalised id reads back the same. */
class IdsFuzzTest {
    @FuzzTest(maxDuration = "3s")
    void idsAreNormalisedOrRefused(FuzzedDataProvider data) throws Exception {
        int which = data.consumeInt(0, 4);
        String raw = data.consumeRemainingAsString();
        FuzzInvariant.holds(() -> {
            switch (which) {
                case 0 -> {
                    String id = ChatIds.normalize(raw, "chatId");
                    if (!ChatIds.normalize(id, "chatId").equals(id)) {
                        throw new AssertionError("normalising '" + id + "' again changed it");
                    }
                }
                case 1 -> ChatIds.phoneDigits(raw, "phone");
                case 2 -> ChatIds.groupId(raw, "groupId");
                case 3 -> ChatIds.personId(raw, "participant");
                default -> {
                    var key = MessageIds.parse(raw, "messageId");
                    if (!MessageIds.parse(key.serialized(), "messageId").equals(key)) {
                        throw new AssertionError("'" + key.serialized() + "' does not parse back to itself");
                    }
                }
            }
        });
    }
}
