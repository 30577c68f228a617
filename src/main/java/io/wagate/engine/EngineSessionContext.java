package io.wagate.engine;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What an engine is given to run one session.
 *
 * @param proxy the session's {@code config.proxy} as configured now (read again at every start)
 * @param business the session's {@code config.business} as configured now: a simulated account is a WhatsApp
 *                 Business account when it is (real accounts are what they are)
 * @param statuses the session's {@code config.statuses} as configured now: whether it receives others' statuses
 */
public record EngineSessionContext(String sessionId, String sessionName, AuthState auth, EngineListener listener,
                                   Supplier<Optional<String>> proxy, BooleanSupplier business,
                                   BooleanSupplier statuses) {
    public EngineSessionContext(String sessionId, String sessionName, AuthState auth, EngineListener listener,
                                Supplier<Optional<String>> proxy, BooleanSupplier business) {
        this(sessionId, sessionName, auth, listener, proxy, business, () -> false);
    }

    public EngineSessionContext(String sessionId, String sessionName, AuthState auth, EngineListener listener,
                                Supplier<Optional<String>> proxy) {
        this(sessionId, sessionName, auth, listener, proxy, () -> false);
    }

    public EngineSessionContext(String sessionId, String sessionName, AuthState auth, EngineListener listener) {
        this(sessionId, sessionName, auth, listener, Optional::empty);
    }
}
