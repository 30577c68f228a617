package io.wagate.session;

import io.wagate.engine.EngineException;
import io.wagate.engine.EngineRegistry;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import io.wagate.engine.NetworkSimulator;
import io.wagate.engine.SessionStatus;
import io.wagate.error.ApiException;
import io.wagate.store.WriteQueue;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine sides of the sessions this node runs, and the one way in for commands: a session must be
 * this node's and WORKING, and an engine's refusal becomes an API error.
 */
public final class EngineGate implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineGate.class);

    private final EngineRegistry engines;
    private final EngineAuthStore authStore;
    private final SessionStore store;
    private final SessionEvents events;
    private final SessionOwnership ownership;
    private final WriteQueue writes;
    /** The engine side of every session opened here, by session id. */
    private final Map<String, Opened> live = new ConcurrentHashMap<>();

    /** An engine side and whether its events still count (not once it was handed to another node). */
    private record Opened(EngineSession engine, AtomicBoolean muted) {}

    public EngineGate(EngineRegistry engines, EngineAuthStore authStore, SessionStore store, SessionEvents events,
                      SessionOwnership ownership, WriteQueue writes) {
        this.engines = engines;
        this.authStore = authStore;
        this.store = store;
        this.events = events;
        this.ownership = ownership;
        this.writes = writes;
    }

    /** The engine side of a WORKING session, for commands; 409 naming the status otherwise. */
    public EngineSession requireWorking(Session session) {
        if (session.status() != SessionStatus.WORKING) {
            throw ApiException.conflict("session '" + session.name() + "' is " + session.status() + ", not WORKING");
        }
        return open(session);
    }

    /**
     * Runs a command on a WORKING session's engine side; the engine's refusals become API errors.
     * Returns once what the command caused is stored: the rows the caller wrote (a send's message, at the
     * hand-over) and what the listeners of the events it reported wrote on this thread (webhook deliveries,
     * acks, edits), which is why the command runs in a write scope.
     */
    public <T> T withEngine(Session session, Function<EngineSession, T> command) {
        var engine = requireWorking(session);
        try {
            return writes.awaitingWrites(() -> command.apply(engine));
        } catch (EngineException e) {
            throw toApi(e);
        }
    }

    /** {@link #withEngine} for commands that answer nothing. */
    public void runWithEngine(Session session, Consumer<EngineSession> command) {
        withEngine(session, engine -> {
            command.accept(engine);
            return null;
        });
    }

    /** The session's network simulator, where its engine has one (the sandbox), whatever the session's status. */
    public Optional<NetworkSimulator> simulator(Session session) {
        return open(session).simulator();
    }

    /** The session's engine side on this node, opened on first use; 503 while another node owns the session. */
    EngineSession open(Session session) {
        // Asked every time: a node that lost its lease must not drive the engine side it has not closed yet.
        requireLocal(session);
        return live.computeIfAbsent(session.id(), id -> {
            var engine = engines.find(session.engine()).orElseThrow(() -> ApiException.unavailable(
                    "engine '" + session.engine() + "' is not available on this server"));
            var muted = new AtomicBoolean();
            return new Opened(engine.open(new EngineSessionContext(id, session.name(), authStore.forSession(id),
                    event -> {
                        if (!muted.get()) {
                            events.deliver(id, session.name(), event);
                        }
                    },
                    () -> store.findById(id).map(s -> s.config().proxy()),
                    () -> store.findById(id).map(s -> s.config().businessAccount()).orElse(false),
                    () -> store.findById(id).map(s -> s.config().receivesStatuses()).orElse(false))), muted);
        }).engine();
    }

    /** 503 (with Retry-After) unless this node runs the session. */
    void requireLocal(Session session) {
        if (!ownership.isLocal(session.id())) {
            throw ApiException.unavailable("session '" + session.name()
                    + "' is run by another node of the cluster, or is between nodes; try again shortly");
        }
    }

    /** Forgets the session's engine side, for a delete; the caller ends it. */
    Optional<EngineSession> remove(String sessionId) {
        return Optional.ofNullable(live.remove(sessionId)).map(Opened::engine);
    }

    /**
     * Disconnects the session here without recording anything: another node runs it now (or will), and
     * its status and auth state are that node's to write.
     */
    public void release(String sessionId) {
        var opened = live.remove(sessionId);
        if (opened == null) {
            return;
        }
        opened.muted().set(true);
        try {
            opened.engine().close();
        } catch (RuntimeException e) {
            log.warn("session {} did not stop cleanly", sessionId, e);
        }
    }

    /** How many sessions have their engine side open here. */
    public int openCount() {
        return live.size();
    }

    @Override
    public void close() {
        live.values().forEach(opened -> {
            try {
                opened.engine().stop();
            } catch (RuntimeException e) {
                log.warn("a session did not stop cleanly", e);
            }
        });
        live.clear();
    }

    public static ApiException toApi(EngineException e) {
        return switch (e.reason()) {
            case NOT_READY, CONFLICT -> ApiException.conflict(e.getMessage());
            case INVALID -> ApiException.badRequest(e.getMessage());
            case NOT_FOUND -> ApiException.notFound(e.getMessage());
            case REFUSED -> ApiException.forbidden(e.getMessage());
            case UNAVAILABLE -> ApiException.unavailable(e.getMessage());
            case UNSUPPORTED -> ApiException.notImplemented(e.getMessage());
        };
    }
}
