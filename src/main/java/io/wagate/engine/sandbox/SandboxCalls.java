package io.wagate.engine.sandbox;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineEvent.CallState;
import io.wagate.engine.EngineException;
import io.wagate.ids.ChatId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One session's calls. Rules: a call from a number on the sandbox network rings until the session
 * rejects it or (simulated) accepts it; at most {@value #MAX_RINGING} ring at once, the oldest
 * forgotten first, as nobody hangs up in the sandbox. Guarded by the session's lock.
 */
final class SandboxCalls {
    static final int MAX_RINGING = 100;

    private final SandboxSession session;
    private final SandboxNetwork network;
    private final Clock clock;
    private final Map<String, EngineEvent.Call> ringing = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EngineEvent.Call> eldest) {
            return size() > MAX_RINGING;
        }
    };

    SandboxCalls(SandboxSession session, SandboxNetwork network, Clock clock) {
        this.session = session;
        this.network = network;
        this.clock = clock;
    }

    /** {@code fromNumber} calls the session. */
    EngineEvent.Call ring(String fromNumber, boolean video) {
        return session.whileWorking(me -> {
            if (fromNumber.equals(me)) {
                throw new EngineException(EngineException.Reason.INVALID, "a session cannot call itself");
            }
            if (!network.isOnWhatsApp(fromNumber)) {
                throw new EngineException(EngineException.Reason.INVALID, fromNumber + " is not on WhatsApp");
            }
            var call = new EngineEvent.Call(CallState.RECEIVED, SandboxIds.newCallId(), ChatId.ofPhone(fromNumber), video,
                    false, clock.instant());
            ringing.put(call.callId(), call);
            session.emit(call);
            return call;
        });
    }

    /** Ends a ringing call (from {@code from}, a chat id, when given) as {@code state}. */
    EngineEvent.Call end(String callId, Optional<ChatId> from, CallState state) {
        return session.whileWorking(me -> {
            var call = ringing.get(callId);
            if (call == null || from.filter(f -> !f.equals(call.from())).isPresent()) {
                throw new EngineException(EngineException.Reason.NOT_FOUND, "no ringing call '" + callId + "'"
                        + from.map(f -> " from " + f).orElse(""));
            }
            ringing.remove(callId);
            var ended = new EngineEvent.Call(state, callId, call.from(), call.video(), call.group(), clock.instant());
            session.emit(ended);
            return ended;
        });
    }

    /** At logout. */
    void clear() {
        ringing.clear();
    }
}
