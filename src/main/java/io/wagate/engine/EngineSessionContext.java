package io.wagate.engine;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What an engine is given to run one session.
 *
 * @param proxy the session's {@code config.proxy} as configured now (read again at every start)
 * @param statuses the session's {@code config.statuses} as configured now: whether it receives others' statuses
 */
public record EngineSessionContext(String sessionId, String sessionName, AuthState auth, EngineListener listener,
                                   Supplier<Optional<String>> proxy, BooleanSupplier statuses) {
    public EngineSessionContext(String sessionId, String sessionName, AuthState auth, EngineListener listener,
                                Supplier<Optional<String>> proxy) {
        this(sessionId, sessionName, auth, listener, proxy, () -> false);
    }

    public EngineSessionContext(String sessionId, String sessionName, AuthState auth, EngineListener listener) {
        this(sessionId, sessionName, auth, listener, Optional::empty);
    }
}
