package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.engine.AuthState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session's bridge keeps in the wagate store besides Baileys' auth state, in the same
 * per-session items (so logging out and deleting the session remove it with the credentials):
 * the secrets of polls ({@code poll:<message id>}, opaque JSON of the bridge's making), without
 * which votes on them can be neither decrypted nor sent once the bridge restarted; the channels
 * the session met ({@code channel:<id>}), since Baileys cannot list the channels an account follows; and
 * the received messages it decrypted but has not reported yet ({@code inbox:<digest>}), stored before their
 * key state, so that a bridge killed in between loses none.
 */
final class BridgeStore {
    private static final String POLL = "poll:";
    private static final String CHANNEL = "channel:";
    private static final String INBOX = "inbox:";

    private BridgeStore() {}

    /** Answers the bridge's store requests other than auth state; unknown methods are refused. */
    static Object answer(String method, JsonNode params, AuthState state) {
        switch (method) {
            case "poll.secret.save" -> {
                state.put(POLL + BaileysEngine.requireText(params, "id"), BaileysEngine.requireText(params, "value"));
                return null;
            }
            case "poll.secret.get" -> {
                var out = new LinkedHashMap<String, Object>();
                out.put("value", state.get(POLL + BaileysEngine.requireText(params, "id")).orElse(null));
                return out;
            }
            // Received messages the bridge decrypted but has not reported yet (bridge/src/inbox.js).
            case "inbox.keep" -> {
                state.put(INBOX + BaileysEngine.requireText(params, "id"), BaileysEngine.requireText(params, "value"));
                return null;
            }
            case "inbox.done" -> {
                var gone = new LinkedHashMap<String, String>();
                for (JsonNode id : params.path("ids")) {
                    if (id.isTextual()) {
                        gone.put(INBOX + id.asText(), null);
                    }
                }
                state.putAll(gone);
                return null;
            }
            case "inbox.list" -> {
                var values = new LinkedHashMap<String, String>();
                state.getAll(INBOX).forEach((key, value) -> values.put(key.substring(INBOX.length()), value));
                return Map.of("values", values);
            }
            case "channels.seen" -> {
                for (JsonNode id : params.path("ids")) {
                    if (id.isTextual() && id.asText().endsWith("@newsletter")) {
                        rememberChannel(state, id.asText());
                    }
                }
                return null;
            }
            default -> throw new BridgeRpc.Fault(-32601, "no method " + method);
        }
    }

    static List<String> knownChannels(AuthState state) {
        Map<String, String> items = state.getAll(CHANNEL);
        return items.keySet().stream().map(key -> key.substring(CHANNEL.length())).sorted().toList();
    }

    static void rememberChannel(AuthState state, String channelId) {
        state.put(CHANNEL + channelId, "1");
    }

    static void forgetChannel(AuthState state, String channelId) {
        state.remove(CHANNEL + channelId);
    }
}
