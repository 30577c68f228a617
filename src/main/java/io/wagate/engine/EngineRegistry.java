package io.wagate.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engines this server runs, by name, and which one a session gets when it names none. */
public final class EngineRegistry implements AutoCloseable {
    private final Map<String, Engine> engines = new LinkedHashMap<>();
    private final String defaultEngine;

    public EngineRegistry(List<Engine> available, String defaultEngine) {
        available.forEach(engine -> engines.put(engine.name(), engine));
        if (!engines.containsKey(defaultEngine)) {
            throw new io.wagate.config.ConfigException(
                    "WAGATE_ENGINE '" + defaultEngine + "' is not one of " + names());
        }
        this.defaultEngine = defaultEngine;
    }

    /** The engine of this name, if this server runs it. */
    public Optional<Engine> find(String name) {
        return Optional.ofNullable(engines.get(name));
    }

    public List<String> names() {
        return List.copyOf(engines.keySet());
    }

    public Map<String, Engine> all() {
        return Map.copyOf(engines);
    }

    public String defaultEngine() {
        return defaultEngine;
    }

    @Override
    public void close() {
        engines.values().forEach(Engine::close);
    }
}
