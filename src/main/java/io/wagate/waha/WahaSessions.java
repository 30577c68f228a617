package io.wagate.waha;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wagate.engine.Me;
import io.wagate.ids.ChatId;
import io.wagate.session.Session;
import java.util.Map;

/** WAHA's session shapes: SessionInfo (list, get) and SessionDTO (create, update, start, stop...). */
final class WahaSessions {
    private WahaSessions() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MeInfo(ChatId id, ChatId lid, String pushName) {
        static MeInfo of(Me me) {
            return new MeInfo(me.id(), me.lid(), me.pushName() == null ? "" : me.pushName());
        }
    }

    record Timestamps(Long activity) {}

    /**
     * {@code presence} is required and an object in WAHA's schema (while WAHA itself answers a string or null):
     * wagate answers the schema's {@code {}}, it keeps no presence of its own sessions. {@code timestamps.activity}
     * is null: wagate does not record a session's last activity. {@code me} is left out until an account is linked.
     */
    record SessionInfo(String name, @JsonInclude(JsonInclude.Include.NON_NULL) MeInfo me, Map<String, Object> presence,
                       Timestamps timestamps, String status, WahaSessionConfig config) {
        static SessionInfo of(Session session) {
            return new SessionInfo(session.name(), session.me().map(MeInfo::of).orElse(null), Map.of(),
                    new Timestamps(null), session.status().name(), WahaSessionConfig.of(session.config()));
        }
    }

    record SessionDTO(String name, String status, WahaSessionConfig config) {
        static SessionDTO of(Session session) {
            return new SessionDTO(session.name(), session.status().name(), WahaSessionConfig.of(session.config()));
        }
    }
}
