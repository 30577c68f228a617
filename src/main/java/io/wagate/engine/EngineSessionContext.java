package io.wagate.engine;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an engine is given to run one session.
 *
 * @param proxy the session's {@code config.proxy} as configured now (read again at every start)
 */
public record EngineSessionContext(String sessionId, String sessionName, AuthState auth, EngineListener listener,
                                   Supplier<Optional<String>> proxy) {
    public EngineSessionContext(String sessionId, String sessionName, AuthState auth, EngineListener listener) {
        this(sessionId, sessionName, auth, listener, Optional::empty);
    }
}
