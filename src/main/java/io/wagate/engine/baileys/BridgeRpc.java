package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagate.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 with the bridge, one object per line, requests both ways (the codes are those of
 * {@code bridge/src/rpc.js}). A late, unknown or malformed line is logged and dropped: neither side
 * ever waits longer than its timeout.
 */
final class BridgeRpc {
    private static final Logger log = LoggerFactory.getLogger(BridgeRpc.class);

    /** What the bridge asks of Java (auth state). Throw {@link Fault} to answer with an error. */
    @FunctionalInterface
    interface Handler {
        Object handle(String method, JsonNode params);
    }

    /** A notification from the bridge; called on one thread per bridge, in the bridge's order. */
    @FunctionalInterface
    interface Notifications {
        void on(String method, JsonNode params);
    }

    /** An error answer with a code the bridge understands. */
    static final class Fault extends RuntimeException {
        final int code;

        Fault(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL = -32603;
    static final int NOT_FOUND = -32003;
    /**
     * The longest line the bridge may write (16 MiB): far beyond the largest legitimate one (media goes by file, a big
     * account's contact or group list is a few MB), small enough that a runaway line cannot take the heap.
     */
    static final int MAX_LINE_BYTES = 16 << 20;

    private final String label;
    private final ObjectMapper mapper;
    private final Writer out;
    private final Handler handler;
    private final Notifications notifications;
    private final Executor requests;
    private final Executor ordered;
    private final SessionWrites writes;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile String closedReason;

    BridgeRpc(String label, ObjectMapper mapper, OutputStream out, Handler handler, Notifications notifications,
              Executor requests, Executor ordered, SessionWrites writes) {
        this.label = label;
        this.mapper = mapper;
        this.out = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.handler = handler;
        this.notifications = notifications;
        this.requests = requests;
        this.ordered = ordered;
        this.writes = writes;
    }

    /**
     * Reads lines until the bridge's stdout ends, then fails whatever still waits for an answer. A line of more than
     * {@link #MAX_LINE_BYTES} is a protocol error: reading stops there (false), and the caller ends the bridge so
     * that it is restarted, instead of holding whatever the runaway line would grow to.
     */
    boolean readFrom(InputStream in) {
        var lines = new BoundedLines(in, MAX_LINE_BYTES);
        try {
            String line;
            while ((line = lines.next()) != null) {
                receive(line);
            }
            close("the bridge's output ended");
            return true;
        } catch (BoundedLines.TooLong e) {
            log.error("{}: the bridge wrote a line of more than {} bytes ({}): a protocol error; restarting the bridge",
                    label, MAX_LINE_BYTES, e.start);
            close("it wrote a line of more than " + MAX_LINE_BYTES + " bytes");
            return false;
        } catch (IOException e) {
            log.debug("{}: stdout closed: {}", label, e.getMessage());
            close("the bridge's output ended");
            return true;
        }
    }

    /** Sends a request and waits for its answer; the bridge's error codes become engine errors. */
    JsonNode call(String method, Object params, Duration timeout) {
        if (closedReason != null) {
            throw new EngineException(EngineException.Reason.UNAVAILABLE,
                    "the Baileys bridge is not running (" + closedReason + "); retry in a few seconds");
        }
        long id = ids.incrementAndGet();
        var answer = new CompletableFuture<JsonNode>();
        pending.put(id, answer);
        ObjectNode request = mapper.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", mapper.valueToTree(params));
        try {
            send(request);
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineException(EngineException.Reason.UNAVAILABLE,
                    "the Baileys bridge did not answer " + method + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Reason.UNAVAILABLE, "interrupted while waiting for the bridge");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    void close(String reason) {
        if (closedReason != null) {
            return;
        }
        closedReason = reason;
        var failure = new EngineException(EngineException.Reason.UNAVAILABLE,
                "the Baileys bridge stopped (" + reason + "); retry in a few seconds");
        pending.values().forEach(f -> f.completeExceptionally(failure));
    }

    private void receive(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode message;
        try {
            message = mapper.readTree(line);
        } catch (IOException e) {
            log.warn("{}: dropped a line that is not JSON: {}", label, abbreviate(line));
            return;
        }
        if (message == null || !message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())) {
            log.warn("{}: dropped a line that is not a JSON-RPC 2.0 object: {}", label, abbreviate(line));
            return;
        }
        JsonNode method = message.get("method");
        if (method != null && method.isTextual()) {
            JsonNode id = message.get("id");
            JsonNode params = message.path("params");
            if (id == null || id.isNull()) {
                ordered.execute(() -> notify(method.asText(), params));
            } else if (SessionWrites.queued(method.asText(), params)) {
                writes.execute(params.path("session").asText(), () -> answer(id, method.asText(), params));
            } else {
                requests.execute(() -> answer(id, method.asText(), params));
            }
        } else if (message.has("result") || message.has("error")) {
            settle(message);
        } else {
            log.warn("{}: dropped an object that is neither request nor answer: {}", label, abbreviate(line));
        }
    }

    private void settle(JsonNode message) {
        var answer = message.path("id").canConvertToLong() ? pending.remove(message.path("id").asLong()) : null;
        if (answer == null) {
            log.warn("{}: dropped a late or unknown answer (id {})", label, message.path("id"));
            return;
        }
        JsonNode error = message.get("error");
        if (error != null && !error.isNull()) {
            answer.completeExceptionally(failure(error.path("code").asInt(INTERNAL),
                    error.path("message").asText("the bridge failed")));
        } else {
            answer.complete(message.get("result"));
        }
    }

    private void notify(String method, JsonNode params) {
        try {
            notifications.on(method, params);
        } catch (RuntimeException e) {
            log.error("{}: a {} notification could not be handled", label, method, e);
        }
    }

    private void answer(JsonNode id, String method, JsonNode params) {
        ObjectNode reply = mapper.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        try {
            reply.set("result", mapper.valueToTree(handler.handle(method, params)));
        } catch (Fault fault) {
            reply.putObject("error").put("code", fault.code).put("message", fault.getMessage());
        } catch (RuntimeException e) {
            log.error("{}: the bridge's {} request failed", label, method, e);
            reply.putObject("error").put("code", INTERNAL).put("message", "wagate could not do " + method);
        }
        try {
            send(reply);
        } catch (UncheckedIOException e) {
            log.debug("{}: could not answer {}: {}", label, method, e.getMessage());
        }
    }

    private void send(JsonNode message) {
        String line;
        try {
            line = mapper.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (out) {
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                close("its input is closed");
                throw new EngineException(EngineException.Reason.UNAVAILABLE,
                        "the Baileys bridge is not running; retry in a few seconds");
            }
        }
    }

    /** The bridge's error codes ({@code ERRORS} in rpc.js) as what services answer with. */
    static RuntimeException failure(int code, String message) {
        EngineException.Reason reason = switch (code) {
            case -32001 -> EngineException.Reason.NOT_READY;
            case -32002 -> EngineException.Reason.REFUSED;
            case -32003 -> EngineException.Reason.NOT_FOUND;
            case -32004, INVALID_PARAMS -> EngineException.Reason.INVALID;
            case -32005 -> EngineException.Reason.CONFLICT;
            case -32006, -32008 -> EngineException.Reason.UNAVAILABLE;
            case -32007 -> EngineException.Reason.UNSUPPORTED;
            default -> null;
        };
        return reason == null ? new IllegalStateException("the Baileys bridge failed: " + message)
                : new EngineException(reason, message);
    }

    private static String abbreviate(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
