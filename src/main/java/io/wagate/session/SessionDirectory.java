package io.wagate.session;

import io.wagate.account.Principal;
import io.wagate.error.ApiException;
import java.util.List;
import java.util.Optional;

/** Finds sessions: the ones a principal may see (by name), and any one by id for what hears of it from engines. */
public final class SessionDirectory {
    private final SessionStore store;

    public SessionDirectory(SessionStore store) {
        this.store = store;
    }

    public List<Session> list(Principal principal) {
        return store.listByAccount(principal.accountId()).stream()
                .filter(s -> visibleTo(principal, s))
                .toList();
    }

    /** The session if this principal may see it; another account's session is as missing as a missing one. */
    public Session get(Principal principal, String name) {
        return find(principal, name).orElseThrow(() -> ApiException.notFound("session '" + name + "' not found"));
    }

    public Optional<Session> find(Principal principal, String name) {
        return store.find(principal.accountId(), name).filter(s -> visibleTo(principal, s));
    }

    public Optional<Session> byId(String sessionId) {
        return store.findById(sessionId);
    }

    /** The session as stored now (after a change); 404 if it went meanwhile. */
    public Session reload(Session session) {
        return store.findById(session.id()).orElseThrow(() -> ApiException.notFound(
                "session '" + session.name() + "' not found"));
    }

    private static boolean visibleTo(Principal principal, Session session) {
        return principal.sessionId().map(session.id()::equals).orElse(true);
    }
}
