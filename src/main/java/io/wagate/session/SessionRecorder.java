package io.wagate.session;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.SessionStatus;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session reports about itself: its status goes to the store, its QR code is kept for the one
 * who asks. Hears every engine event before any feature does.
 */
public final class SessionRecorder {
    private static final Logger log = LoggerFactory.getLogger(SessionRecorder.class);

    private final SessionStore store;
    private final Clock clock;
    /** The QR code currently on offer, by session id. */
    private final Map<String, String> qrCodes = new ConcurrentHashMap<>();

    public SessionRecorder(SessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void record(String sessionId, String sessionName, EngineEvent event) {
        switch (event) {
            case EngineEvent.QrCodeChanged qr -> qrCodes.put(sessionId, qr.value());
            case EngineEvent.StatusChanged change -> {
                if (change.status() != SessionStatus.SCAN_QR_CODE) {
                    qrCodes.remove(sessionId);
                }
                store.recordStatus(sessionId, change.status(), change.me(), change.failureReason(), clock.instant());
                log.info("session {} is {}{}", sessionName, change.status(),
                        change.failureReason().map(r -> ": " + r).orElse(""));
            }
            case EngineEvent.RestrictionsChanged changed -> store.mergeRestrictions(sessionId, changed.restrictions(),
                    clock.instant());
            case EngineEvent.PushNameChanged changed -> store.recordPushName(sessionId, changed.pushName(),
                    clock.instant());
            default -> { }
        }
    }

    Optional<String> qr(String sessionId) {
        return Optional.ofNullable(qrCodes.get(sessionId));
    }

    void forget(String sessionId) {
        qrCodes.remove(sessionId);
    }
}
