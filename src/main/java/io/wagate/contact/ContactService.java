package io.wagate.contact;

import io.wagate.account.Principal;
import io.wagate.engine.EngineSession.Existence;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.ids.ChatIds;
import io.wagate.session.SessionService;

/** Contact look-ups through a session: is this number on WhatsApp? Which LID is whose? */
public final class ContactService {
    private final SessionService sessions;

    public ContactService(SessionService sessions) {
        this.sessions = sessions;
    }

    /** A person's two ids, as WAHA shows them: {@code lid} ({@code <id>@lid}) and {@code pn} ({@code <number>@c.us}). */
    public record LidMapping(String lid, String pn) {}

    /** The phone-number id of a LID; 404 when the session's engine knows no mapping for it. */
    public LidMapping phoneOfLid(Principal principal, String sessionName, String rawLid) {
        var session = sessions.get(principal, sessionName);
        String raw = rawLid == null ? "" : rawLid.contains("@") ? rawLid : rawLid + "@lid";
        ChatId lid = ChatId.parse(raw, "lid");
        if (!lid.isLid()) {
            throw ApiException.badRequest("lid must be a LID (<digits>@lid or the digits), not " + rawLid);
        }
        return sessions.withEngine(session, engine -> engine.phoneForLid(lid))
                .map(phone -> new LidMapping(lid.value(), phone.value()))
                .orElseThrow(() -> ApiException.notFound("no phone number is known for " + lid));
    }

    /** The LID of a phone number; 404 when none is known. */
    public LidMapping lidOfPhone(Principal principal, String sessionName, String phone) {
        var session = sessions.get(principal, sessionName);
        String digits = ChatIds.phoneDigits(phone != null && phone.endsWith("@c.us")
                ? phone.substring(0, phone.length() - "@c.us".length()) : phone, "phone");
        return sessions.withEngine(session, engine -> engine.lidForPhone(digits))
                .map(lid -> new LidMapping(lid.value(), ChatId.ofPhone(digits).value()))
                .orElseThrow(() -> ApiException.notFound("no LID is known for " + digits));
    }

    public Existence checkExists(Principal principal, String sessionName, String phone) {
        var session = sessions.getOrDefault(principal, sessionName);
        String digits = ChatIds.phoneDigits(phone, "phone");
        return sessions.withEngine(session, engine -> engine.checkExists(digits));
    }
}
