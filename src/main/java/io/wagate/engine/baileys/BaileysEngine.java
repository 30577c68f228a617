package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.config.Config.BaileysConfig;
import io.wagate.engine.AuthState;
import io.wagate.engine.Engine;
import io.wagate.engine.EngineSettings;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import io.wagate.engine.LinkPreviews;
import io.wagate.engine.MessageContents;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real engine (README "The Baileys engine"): sessions run in Node bridges (bridge/) on the baileys package and
 * keep all their auth state in the wagate store, which the bridge reads and writes through RPC.
 */
public final class BaileysEngine implements Engine {
    public static final String NAME = "baileys";
    private static final Logger log = LoggerFactory.getLogger(BaileysEngine.class);
    /** Auth items: the credentials, and signal keys as {@code key:<type>:<id>}. */
    static final String CREDS = "creds";

    private final BaileysConfig config;
    private final LinkPreviews previews;
    private final Path mediaDir;
    private final BridgeEvents events;
    private final BridgeSupervisor supervisor;
    private final WaVersions versions;
    private final MessageContents contents;
    private final Map<String, BaileysSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param mediaDir where bridges write received media; files there are handed over and deleted
     * @param previews makes the link previews of texts sent with one (the bridge fetches no page)
     * @param settings where the last WhatsApp Web version announced is kept
     */
    public BaileysEngine(BaileysConfig config, Path mediaDir, ObjectMapper mapper, LinkPreviews previews,
                         EngineSettings settings) {
        this(config, mediaDir, mapper, previews, settings, MessageContents.NONE);
    }

    /** @param contents where the bridge keeps messages' protobuf content for Baileys' getMessage */
    public BaileysEngine(BaileysConfig config, Path mediaDir, ObjectMapper mapper, LinkPreviews previews,
                         EngineSettings settings, MessageContents contents) {
        this.config = config;
        this.contents = contents;
        this.versions = new WaVersions(config.waVersion(), config.waVersionUrl(), settings);
        this.previews = previews;
        this.mediaDir = mediaDir.toAbsolutePath().normalize();
        this.events = new BridgeEvents(mapper, this.mediaDir);
        this.supervisor = new BridgeSupervisor(config, this.mediaDir, mapper, new BridgeSupervisor.Owner() {
            @Override
            public Object onRequest(String method, JsonNode params) {
                return authRequest(method, params);
            }

            @Override
            public void onNotification(String method, JsonNode params) {
                notification(method, params);
            }

            @Override
            public void reopening(String sessionId) {
                var session = sessions.get(sessionId);
                if (session != null) {
                    session.reopening();
                }
            }
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSession open(EngineSessionContext context) {
        var session = new BaileysSession(context, supervisor, events, config, previews, versions);
        sessions.put(context.sessionId(), session);
        return session;
    }

    @Override
    public Health health() {
        var version = versions.inUse().map(v -> new ClientVersion(v.version(), v.source().name().toLowerCase(Locale.ROOT)));
        return new Health(supervisor.healthy(), supervisor.describe(), version.orElse(null));
    }

    /** The pids of the running bridge processes. */
    java.util.List<Long> bridgePids() {
        return supervisor.pids();
    }

    /** For tests that call the bridge beside the sessions' own commands. */
    BridgeSupervisor supervisor() {
        return supervisor;
    }

    @Override
    public void close() {
        supervisor.close();
    }

    private void notification(String method, JsonNode params) {
        if (!"event".equals(method)) {
            log.warn("dropped a bridge notification of unknown kind {}", method);
            return;
        }
        var session = sessions.get(params.path("session").asText());
        if (session == null) {
            log.debug("dropped an event of a session this engine does not know");
            return;
        }
        session.onBridgeEvent(params.path("event"));
    }

    /** The bridge reads and writes a session's auth state; answered only once the store has it. */
    private Object authRequest(String method, JsonNode params) {
        var session = sessions.get(params.path("session").asText());
        if (session == null) {
            throw new BridgeRpc.Fault(BridgeRpc.NOT_FOUND, "no such session");
        }
        AuthState auth = session.auth();
        switch (method) {
            case "auth.creds.load" -> {
                var out = new LinkedHashMap<String, Object>();
                out.put("value", auth.get(CREDS).orElse(null));
                return out;
            }
            case "auth.creds.save" -> {
                auth.put(CREDS, requireText(params, "value"));
                return null;
            }
            case "auth.keys.get" -> {
                String type = requireText(params, "type");
                var values = new LinkedHashMap<String, String>();
                params.path("ids").forEach(id -> auth.get(keyName(type, id.asText()))
                        .ifPresent(v -> values.put(id.asText(), v)));
                return Map.of("values", values);
            }
            case "auth.keys.set" -> {
                // Baileys hands over a whole signal transaction at once: stored in one transaction too.
                var items = new LinkedHashMap<String, String>();
                for (JsonNode item : params.path("items")) {
                    JsonNode value = item.get("value");
                    items.put(keyName(requireText(item, "type"), requireText(item, "id")),
                            value == null || value.isNull() ? null : value.asText());
                }
                auth.putAll(items);
                return null;
            }
            case "auth.clear" -> {
                auth.clear();
                return null;
            }
            case "message.content.save" -> {
                contents.put(params.path("session").asText(), requireText(params, "id"), requireText(params, "chat"),
                        requireText(params, "value"));
                return null;
            }
            case "message.content.get" -> {
                var out = new LinkedHashMap<String, Object>();
                out.put("value", contents.get(params.path("session").asText(), requireText(params, "id")).orElse(null));
                return out;
            }
            default -> {
                return BridgeStore.answer(method, params, auth);
            }
        }
    }

    private static String keyName(String type, String id) {
        return "key:" + type + ":" + id;
    }

    static String requireText(JsonNode params, String field) {
        JsonNode value = params.get(field);
        if (value == null || !value.isTextual()) {
            throw new BridgeRpc.Fault(BridgeRpc.INVALID_PARAMS, field + " must be a string");
        }
        return value.asText();
    }
}
