package io.wagate.engine;

import java.util.Optional;

/** Values an engine keeps in the wagate store for the whole server (not per session); opaque strings. */
public interface EngineSettings {
    Optional<String> get(String key);

    void put(String key, String value);

    /** Nothing kept (tests of engines that do not care). */
    EngineSettings NONE = new EngineSettings() {
        @Override
        public Optional<String> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, String value) {
            // kept nowhere
        }
    };
}
