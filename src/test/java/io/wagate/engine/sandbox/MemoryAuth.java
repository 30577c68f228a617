package io.wagate.engine.sandbox;

import io.wagate.engine.AuthState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The auth state of one session, in memory, for engine-level tests. */
final class MemoryAuth implements AuthState {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public Map<String, String> getAll(String prefix) {
        var all = new HashMap<String, String>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                all.put(k, v);
            }
        });
        return all;
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }

    @Override
    public void remove(String key) {
        values.remove(key);
    }

    @Override
    public void clear() {
        values.clear();
    }
}
