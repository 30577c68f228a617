package io.wagate.engine;

import io.wagate.error.ApiException;
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

    /** The engine a request asked for, or the default; an unknown name is the client's error. */
    public Engine resolve(Optional<String> requested) {
        String name = requested.orElse(defaultEngine);
        var engine = engines.get(name);
        if (engine == null) {
            throw ApiException.badRequest("engine '" + name + "' is not known; known engines: " + names());
        }
        return engine;
    }

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
