package io.wagate.contact;

import io.wagate.account.Principal;
import io.wagate.engine.EngineSession.Existence;
import io.wagate.ids.ChatIds;
import io.wagate.session.SessionService;

/** Contact look-ups through a session: is this number on WhatsApp? */
public final class ContactService {
    private final SessionService sessions;

    public ContactService(SessionService sessions) {
        this.sessions = sessions;
    }

    public Existence checkExists(Principal principal, String sessionName, String phone) {
        var session = sessions.getOrDefault(principal, sessionName);
        String digits = ChatIds.phoneDigits(phone, "phone");
        return sessions.withEngine(session, engine -> engine.checkExists(digits));
    }
}
