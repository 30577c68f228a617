package io.wagate.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wagate.session.SessionConfig;
import io.wagate.simple.SimpleRequests;
import io.wagate.support.FuzzInvariant;
import java.util.Map;

/** JSON request bodies in memory: strict UTF-8, then the strict mapper into the request types; then the checks. */
class JsonBodyFuzzTest {
    private static final JsonBody BODY = new JsonBody(Json.mapper(), 1024 * 1024);
    private static final Class<?>[] TYPES = {SessionConfig.class, SimpleRequests.Poll.class,
            SimpleRequests.React.class, SimpleRequests.SendLocation.class, Map.class};

    @FuzzTest(maxDuration = "3s")
    void anyBytesAreABodyOrA400(FuzzedDataProvider data) throws Exception {
        Class<?> type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        byte[] bytes = data.consumeRemainingAsBytes();
        FuzzInvariant.holds(() -> BODY.fromBytes(bytes, type).ifPresent(value -> {
            if (value instanceof SessionConfig config) {
                config.validate();
            }
        }));
    }
}
