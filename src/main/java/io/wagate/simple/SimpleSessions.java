package io.wagate.simple;

import io.wagate.account.Principal;
import io.wagate.error.ApiException;
import io.wagate.session.Session;
import io.wagate.session.SessionService;

/**
 * Which session a simple-API request acts for: the session of its session key, or for
 * an account (or admin) key the one named by {@code ?session=}.
 */
public final class SimpleSessions {
    /** The one answer to a missing or unknown key, as the original service gives it. */
    public static final String INVALID_KEY = "Invalid or missing X-API-Key header";
    static final String SESSION_GONE = "Session not found with provided API key";

    private final SessionService sessions;

    public SimpleSessions(SessionService sessions) {
        this.sessions = sessions;
    }

    /** Before anything is counted: an account key that names no session is no key for this API (401). */
    public static void requireSessionScope(Principal principal, String sessionParam) {
        if (!principal.isSessionKey() && (sessionParam == null || sessionParam.isBlank())) {
            throw ApiException.unauthorized("X-API-Key must be a session key (the apiKey returned when the session "
                    + "was created); an account key must name its session with ?session=<name>");
        }
    }

    /**
     * The request's session, WORKING: 404 when the key's session was deleted (or the named one does
     * not exist), 409 naming the status when it is not WORKING.
     */
    public Session working(Principal principal, String sessionParam) {
        Session session;
        if (principal.isSessionKey()) {
            session = sessions.byId(principal.sessionId().orElseThrow())
                    .orElseThrow(() -> ApiException.notFound(SESSION_GONE));
            if (sessionParam != null && !sessionParam.isBlank() && !sessionParam.equals(session.name())) {
                throw ApiException.notFound("session '" + sessionParam + "' not found");
            }
        } else {
            session = sessions.get(principal, sessionParam);
        }
        sessions.requireWorking(session);
        return session;
    }
}
