package io.wagate.session;

import io.wagate.account.Principal;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineSession;
import io.wagate.engine.NetworkSimulator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What the features see of sessions: find the one a request names ({@link SessionDirectory}), run a command
 * on its engine side ({@link EngineGate}), and edit its config ({@link SessionLifecycle}).
 */
public final class SessionService {
    private final SessionDirectory directory;
    private final EngineGate gate;
    private final SessionLifecycle lifecycle;

    public SessionService(SessionDirectory directory, EngineGate gate, SessionLifecycle lifecycle) {
        this.directory = directory;
        this.gate = gate;
        this.lifecycle = lifecycle;
    }

    /** Receives every engine event of every session, after the session's status is stored. */
    @FunctionalInterface
    public interface SessionEventListener {
        void onEvent(String sessionId, EngineEvent event);
    }

    /**
     * Checks a config a client gives (its webhooks: URLs, event names, retries) and returns it as it is
     * stored, defaults filled in; a 400 naming the field when something is wrong.
     */
    @FunctionalInterface
    public interface ConfigCheck {
        SessionConfig check(Principal principal, SessionConfig config);
    }

    /** Bodies and queries name their session; like WAHA, {@code default} when they do not. */
    public static String nameOrDefault(String given) {
        return given == null || given.isBlank() ? "default" : given;
    }

    public List<Session> list(Principal principal) {
        return directory.list(principal);
    }

    /** {@link #get} of the session a request names, or of {@code default}. */
    public Session getOrDefault(Principal principal, String given) {
        return get(principal, nameOrDefault(given));
    }

    /** The session if this principal may see it; another account's session is as missing as a missing one. */
    public Session get(Principal principal, String name) {
        return directory.get(principal, name);
    }

    /** A session by its id, for features that hear of it through engine events. */
    public Optional<Session> byId(String sessionId) {
        return directory.byId(sessionId);
    }

    public EngineSession requireWorking(Session session) {
        return gate.requireWorking(session);
    }

    public <T> T withEngine(Session session, Function<EngineSession, T> command) {
        return gate.withEngine(session, command);
    }

    public void runWithEngine(Session session, Consumer<EngineSession> command) {
        gate.runWithEngine(session, command);
    }

    public Optional<NetworkSimulator> simulator(Session session) {
        return gate.simulator(session);
    }

    public Session editConfig(Principal principal, String name, UnaryOperator<SessionConfig> edit) {
        return lifecycle.editConfig(principal, name, edit);
    }
}
