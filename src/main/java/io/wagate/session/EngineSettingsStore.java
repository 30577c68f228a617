package io.wagate.session;

import io.wagate.engine.EngineSettings;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The engine_settings table. */
public final class EngineSettingsStore implements EngineSettings {
    private final Jdbi jdbi;
    private final Clock clock;

    public EngineSettingsStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT setting_value FROM engine_settings WHERE setting_key = :k")
                .bind("k", key).mapTo(String.class).findOne());
    }

    @Override
    public void put(String key, String value) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO engine_settings (setting_key, setting_value, updated_at) VALUES (:k, :v, :at)
                        ON CONFLICT (setting_key)
                        DO UPDATE SET setting_value = excluded.setting_value, updated_at = excluded.updated_at""")
                .bind("k", key).bind("v", value).bind("at", clock.millis()).execute());
    }
}
