package io.wagate.session;

import io.wagate.engine.EngineEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out of engine events: the session's own record first (its status is stored before anything else
 * learns of it), then each feature in the one order given at start-up ({@link #wire}).
 */
public final class SessionEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

    private final SessionRecorder recorder;
    private volatile List<SessionService.SessionEventListener> listeners;
    private volatile boolean closing;

    public SessionEvents(SessionRecorder recorder) {
        this.recorder = recorder;
    }

    /** The features that keep what sessions report, in the order they must hear it; once, before any session opens. */
    public void wire(List<SessionService.SessionEventListener> inOrder) {
        if (listeners != null) {
            throw new IllegalStateException("session event listeners are wired once");
        }
        listeners = List.copyOf(inOrder);
    }

    void deliver(String sessionId, String sessionName, EngineEvent event) {
        if (closing && saysWhatTheStopDid(event)) {
            return;
        }
        var wired = listeners;
        if (wired == null) {
            throw new IllegalStateException("an engine event came before the listeners were wired");
        }
        try {
            recorder.record(sessionId, sessionName, event);
        } catch (StaleOwnerException e) {
            // Another node owns the session now: what this node's engine side says of it is no longer news.
            log.warn("session {}: {} dropped, {}", sessionName, event.getClass().getSimpleName(), e.getMessage());
            return;
        }
        for (var listener : wired) {
            listener.onEvent(sessionId, event);
        }
    }

    /**
     * From now on what a session says of its own state is not recorded: sessions disconnecting at a stop must
     * not store STOPPED (they resume from what they were). Everything else still goes out while the engine
     * sides wind down: a message handed over or received before its session is down counts as received, so
     * dropping it would lose it.
     */
    @Override
    public void close() {
        closing = true;
    }

    private static boolean saysWhatTheStopDid(EngineEvent event) {
        return event instanceof EngineEvent.StatusChanged || event instanceof EngineEvent.QrCodeChanged;
    }
}
