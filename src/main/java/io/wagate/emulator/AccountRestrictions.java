package io.wagate.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.wa.binary.Node;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What WhatsApp restricts an account in, as a control call set it: the reach-out timelock (no new chats until
 * it ends; such sends are refused with 463) and the new-chat message cap. Clients ask for both with a
 * {@code w:mex} GraphQL query (Baileys' fetchAccountReachoutTimelock and fetchNewChatMessageCap) and hear of
 * changes in a {@code <notification type="mex">} (Baileys' messages-recv.js handleMexNotification).
 */
final class AccountRestrictions {
    /** Baileys rc14's Types/Mex.js QueryIds: REACHOUT_TIMELOCK and MESSAGE_CAPPING_INFO. */
    static final String TIMELOCK_QUERY = "23983697327930364";
    static final String CAP_QUERY = "24503548349331633";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Timelock(Instant until, String enforcementType) {}

    record NewChatCap(int used, int total, String status, Instant cycleEnds) {}

    private volatile Timelock timelock;
    private volatile NewChatCap newChatCap;
    /** The accounts this one has exchanged a 1:1 message with (by number): chats that are not new. */
    private final Set<String> chats = ConcurrentHashMap.newKeySet();

    void timelock(Timelock lock) {
        this.timelock = lock;
    }

    void newChatCap(NewChatCap cap) {
        this.newChatCap = cap;
    }

    boolean timelockedAt(Instant now) {
        var lock = timelock;
        return lock != null && lock.until().isAfter(now);
    }

    void chattedWith(Account other) {
        chats.add(other.number);
    }

    /** Whether a 1:1 send to {@code recipient} is refused now: timelocked, and no chat with them yet. */
    boolean refusesNewChatWith(Account recipient, Instant now) {
        return timelockedAt(now) && (recipient == null || !chats.contains(recipient.number));
    }

    /** The result of a {@code w:mex} query about these restrictions, or null for another query. */
    Node answer(Node query, Instant now) {
        String id = query == null ? null : query.attr("query_id");
        if (TIMELOCK_QUERY.equals(id)) {
            return result(Map.of("xwa2_fetch_account_reachout_timelock", timelockData(now)));
        }
        if (CAP_QUERY.equals(id)) {
            return result(Map.of("xwa2_message_capping_info", capData()));
        }
        return null;
    }

    Node timelockNotification(Instant now) {
        return notification("NotificationUserReachoutTimelockUpdate",
                Map.of("xwa2_notify_account_reachout_timelock", timelockData(now)));
    }

    Node capNotification() {
        return notification("MessageCappingInfoNotification",
                Map.of("xwa2_notify_new_chat_messages_capping_info_update", capData()));
    }

    private Map<String, Object> timelockData(Instant now) {
        var lock = timelock;
        var data = new LinkedHashMap<String, Object>();
        data.put("is_active", lock != null && lock.until().isAfter(now));
        if (lock != null && lock.until().isAfter(now)) {
            data.put("time_enforcement_ends", Long.toString(lock.until().getEpochSecond()));
            data.put("enforcement_type", lock.enforcementType());
        }
        return data;
    }

    private Map<String, Object> capData() {
        var cap = newChatCap;
        var data = new LinkedHashMap<String, Object>();
        if (cap == null) {
            data.put("capping_status", "NONE");
            return data;
        }
        data.put("total_quota", cap.total());
        data.put("used_quota", cap.used());
        data.put("capping_status", cap.status());
        if (cap.cycleEnds() != null) {
            data.put("cycle_end_timestamp", Long.toString(cap.cycleEnds().getEpochSecond()));
        }
        return data;
    }

    private static Node result(Map<String, Object> data) {
        return new Node("result", Map.of(), json(Map.of("data", data)));
    }

    private static Node notification(String opName, Map<String, Object> data) {
        var attrs = Node.attrsOf("from", Switchboard.SERVER, "type", "mex", "id", Long.toHexString(System.nanoTime()),
                "t", Login.now());
        return new Node("notification", attrs, List.of(new Node("update", Node.attrsOf("op_name", opName),
                json(Map.of("data", data)))));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
