package io.wagate.engine.baileys;

import io.wagate.engine.MessageKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages a session's bridges reported last. A bridge killed after reporting a received message but before
 * dropping its copy of it (bridge/src/inbox.js) reports it again from that copy once restarted, as it does one
 * WhatsApp delivers again: the second report is dropped here, so the message is stored and published once.
 */
final class ReportedMessages {
    static final int LIMIT = 4096;
    private final Map<String, Boolean> recent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > LIMIT;
        }
    };

    /** Whether this is the first report of the message (among the last {@link #LIMIT}). */
    synchronized boolean first(MessageKey key) {
        return recent.putIfAbsent(key.serialized(), Boolean.TRUE) == null;
    }
}
