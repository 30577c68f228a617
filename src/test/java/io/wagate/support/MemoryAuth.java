package io.wagate.support;

import io.wagate.engine.AuthState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The auth state of one session, in memory, for engine-level tests; it counts reads so a test can tell who asked. */
public final class MemoryAuth implements AuthState {
    private final Map<String, String> items = new ConcurrentHashMap<>();
    private final Map<String, Integer> reads = new ConcurrentHashMap<>();

    /** What is stored now. */
    public Map<String, String> items() {
        return Map.copyOf(items);
    }

    /** How often each key was read. */
    public Map<String, Integer> reads() {
        return Map.copyOf(reads);
    }

    @Override
    public Optional<String> get(String key) {
        reads.merge(key, 1, Integer::sum);
        return Optional.ofNullable(items.get(key));
    }

    @Override
    public Map<String, String> getAll(String prefix) {
        return items.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public void put(String key, String value) {
        items.put(key, value);
    }

    @Override
    public void remove(String key) {
        items.remove(key);
    }

    @Override
    public void clear() {
        items.clear();
    }
}
