package io.wagate.http.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wagate.engine.Me;
import io.wagate.ids.ChatId;
import io.wagate.engine.Restrictions;
import io.wagate.session.Session;
import io.wagate.session.SessionConfig;
import java.time.Instant;

/** The session object as clients see it; {@code apiKey} only in the create response. */
public record SessionView(
        String name,
        String status,
        String engine,
        MeView me,
        SessionConfig config,
        @JsonInclude(JsonInclude.Include.NON_NULL) FailureView failure,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String apiKey) {

    public record MeView(ChatId id, String pushName, @JsonInclude(JsonInclude.Include.NON_NULL) ChatId lid,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Restrictions restrictions) {
        static MeView of(Me me) {
            return new MeView(me.id(), me.pushName(), me.lid(), me.restrictions());
        }
    }

    public record FailureView(String reason, Instant at) {}

    public static SessionView of(Session session) {
        return withKey(session, null);
    }

    public static SessionView withKey(Session session, String apiKey) {
        return new SessionView(
                session.name(),
                session.status().name(),
                session.engine(),
                session.me().map(MeView::of).orElse(null),
                session.config().redacted(),
                session.failure().map(f -> new FailureView(f.reason(), f.at())).orElse(null),
                session.createdAt(),
                apiKey);
    }
}
