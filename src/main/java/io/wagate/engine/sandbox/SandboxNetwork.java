package io.wagate.engine.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated WhatsApp network: which sandbox session answers for which phone number.
 * A number belongs to at most one session at a time.
 */
final class SandboxNetwork {
    private final Map<String, String> sessionByNumber = new ConcurrentHashMap<>();

    /** Claims {@code number} for {@code sessionId}; false when another session holds it. */
    boolean claim(String number, String sessionId) {
        return sessionByNumber.putIfAbsent(number, sessionId) == null
                || sessionByNumber.get(number).equals(sessionId);
    }

    void release(String number, String sessionId) {
        sessionByNumber.remove(number, sessionId);
    }

    Optional<String> sessionOf(String number) {
        return Optional.ofNullable(sessionByNumber.get(number));
    }

    int size() {
        return sessionByNumber.size();
    }
}
