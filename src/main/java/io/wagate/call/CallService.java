package io.wagate.call;

import io.wagate.account.Principal;
import io.wagate.engine.NetworkSimulator;
import io.wagate.error.ApiException;
import io.wagate.event.EventPayloads;
import io.wagate.ids.ChatId;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.util.function.Supplier;

/**
 * Calls: rejecting an incoming one (any engine that offers it), and on an engine that simulates the
 * network (the sandbox) simulating one and its being answered, so that the {@code call.*} events can be
 * seen without a phone.
 */
public final class CallService {
    private final SessionService sessions;

    public CallService(SessionService sessions) {
        this.sessions = sessions;
    }

    public void reject(Principal principal, String sessionName, String callId, String from) {
        var session = sessions.get(principal, sessionName);
        String id = requireCallId(callId);
        ChatId caller = from == null ? null : ChatId.person(from, "from");
        sessions.runWithEngine(session, engine -> engine.rejectCall(id, caller));
    }

    /** Sandbox only: {@code from} calls the session. Answers with the call as the events describe it. */
    public EventPayloads.CallPayload simulateIncoming(Principal principal, String sessionName, String from,
                                                      Boolean video) {
        var session = sessions.get(principal, sessionName);
        var simulator = simulator(session);
        String caller = ChatId.person(from, "from").phone().orElseThrow();
        return simulate(session, () -> EventPayloads.call(
                simulator.simulateIncomingCall(caller, Boolean.TRUE.equals(video))));
    }

    /** Sandbox only: the session's phone answers a ringing call. */
    public EventPayloads.CallPayload accept(Principal principal, String sessionName, String callId) {
        var session = sessions.get(principal, sessionName);
        var simulator = simulator(session);
        String id = requireCallId(callId);
        return simulate(session, () -> EventPayloads.call(simulator.acceptCall(id)));
    }

    /** Checked before the session's status: on another engine these endpoints can never work. */
    private NetworkSimulator simulator(Session session) {
        return sessions.simulator(session).orElseThrow(() -> ApiException.badRequest(
                "this endpoint simulates the sandbox network and works only for sandbox sessions; session '"
                        + session.name() + "' runs on engine '" + session.engine() + "'"));
    }

    /** Runs a simulation step as any command: on a WORKING session, its engine errors mapped, its writes awaited. */
    private <T> T simulate(Session session, Supplier<T> step) {
        return sessions.withEngine(session, engine -> step.get());
    }

    private static String requireCallId(String callId) {
        if (callId == null || callId.isBlank()) {
            throw ApiException.badRequest("callId is required");
        }
        return callId.trim();
    }
}
