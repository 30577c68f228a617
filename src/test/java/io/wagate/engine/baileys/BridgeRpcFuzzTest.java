package io.wagate.engine.baileys;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wagate.http.Json;
import io.wagate.support.FuzzInvariant;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;

/**
 * The reader of the bridge's stdout: any bytes, lines that are JSON or not, requests, answers and
 * notifications of any shape are dropped or handled; nothing escapes the reading thread.
 */
class BridgeRpcFuzzTest {
    @FuzzTest(maxDuration = "3s")
    void anyOutputIsReadToTheEnd(FuzzedDataProvider data) throws Exception {
        boolean framed = data.consumeBoolean();
        byte[] rest = data.consumeRemainingAsBytes();
        byte[] lines = framed ? FuzzInvariant.framed("{\"jsonrpc\":\"2.0\",".getBytes(java.nio.charset.StandardCharsets.UTF_8), rest)
                : rest;
        var rpc = new BridgeRpc("fuzz", Json.mapper(), OutputStream.nullOutputStream(),
                (method, params) -> params, (method, params) -> params.path("x").asText(), Runnable::run, Runnable::run,
                new SessionWrites(Runnable::run));
        FuzzInvariant.holds(() -> rpc.readFrom(new ByteArrayInputStream(lines)));
    }
}
