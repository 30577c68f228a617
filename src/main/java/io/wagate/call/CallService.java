package io.wagate.call;

import io.wagate.account.Principal;
import io.wagate.engine.EngineSession;
import io.wagate.engine.sandbox.SandboxControls;
import io.wagate.engine.sandbox.SandboxEngine;
import io.wagate.error.ApiException;
import io.wagate.event.EventPayloads;
import io.wagate.ids.ChatIds;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.util.function.Function;

/**
 * Calls: rejecting an incoming one (any engine that offers it), and in the sandbox simulating one
 * and its being answered, so that the {@code call.*} events can be seen without a phone.
 */
public final class CallService {
    private final SessionService sessions;

    public CallService(SessionService sessions) {
        this.sessions = sessions;
    }

    public void reject(Principal principal, String sessionName, String callId, String from) {
        var session = sessions.get(principal, sessionName);
        String id = requireCallId(callId);
        String caller = from == null ? null : ChatIds.personId(from, "from");
        sessions.runWithEngine(session, engine -> engine.rejectCall(id, caller));
    }

    /** Sandbox only: {@code from} calls the session. Answers with the call as the events describe it. */
    public EventPayloads.CallPayload simulateIncoming(Principal principal, String sessionName, String from,
                                                      Boolean video) {
        var session = sandboxSession(principal, sessionName);
        String caller = ChatIds.phoneOf(ChatIds.personId(from, "from"));
        return sandbox(session, controls -> EventPayloads.call(
                controls.simulateIncomingCall(caller, Boolean.TRUE.equals(video))));
    }

    /** Sandbox only: the session's phone answers a ringing call. */
    public EventPayloads.CallPayload accept(Principal principal, String sessionName, String callId) {
        var session = sandboxSession(principal, sessionName);
        String id = requireCallId(callId);
        return sandbox(session, controls -> EventPayloads.call(controls.acceptCall(id)));
    }

    private Session sandboxSession(Principal principal, String sessionName) {
        var session = sessions.get(principal, sessionName);
        if (!SandboxEngine.NAME.equals(session.engine())) {
            throw ApiException.badRequest("this endpoint simulates the sandbox network and works only for sandbox "
                    + "sessions; session '" + session.name() + "' runs on engine '" + session.engine() + "'");
        }
        return session;
    }

    private <T> T sandbox(Session session, Function<SandboxControls, T> command) {
        return sessions.withEngine(session, (EngineSession engine) -> {
            if (!(engine instanceof SandboxControls controls)) {
                throw ApiException.badRequest("session '" + session.name() + "' is not a sandbox session");
            }
            return command.apply(controls);
        });
    }

    private static String requireCallId(String callId) {
        if (callId == null || callId.isBlank()) {
            throw ApiException.badRequest("callId is required");
        }
        return callId.trim();
    }
}
