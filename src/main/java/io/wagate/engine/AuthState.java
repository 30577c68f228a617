package io.wagate.engine;

import java.util.Map;
import java.util.Optional;

/**
 * A session's engine auth state (credentials, keys, the sandbox's linked number) kept in the
 * wagate store, so engines hold nothing on disk. Values are opaque strings to the store.
 */
public interface AuthState {
    Optional<String> get(String key);

    /** Every item whose key starts with {@code prefix}. */
    Map<String, String> getAll(String prefix);

    void put(String key, String value);

    void remove(String key);

    /**
     * Writes many items at once, all or none: each key gets its value, a null value removes the key.
     * Stores override this to do it in one transaction.
     */
    default void putAll(Map<String, String> items) {
        items.forEach((key, value) -> {
            if (value == null) {
                remove(key);
            } else {
                put(key, value);
            }
        });
    }

    /** Forgets everything: the link to WhatsApp is gone. */
    void clear();
}
