package io.wagate.chat;

import io.wagate.label.Label;
import io.wagate.message.Message;
import java.util.List;

/**
 * A chat of a session, as its overview lists it. {@code conversationTimestamp}: its newest message's time in
 * seconds (null when none is known); {@code mutedUntil}: seconds, -1 for always, null when not muted (or the
 * mute ran out); {@code unreadCount}: messages received and not read; {@code markedUnread}: marked unread by
 * hand; {@code disappearing}: the disappearing-messages timer in seconds (0: off); {@code picture}: the chat's picture URL where known; {@code lastMessage}: the newest stored message; {@code labels}: its WhatsApp Business labels.
 */
public record Chat(String id, String name, Long conversationTimestamp, boolean archived, boolean pinned,
                   Long mutedUntil, int unreadCount, boolean markedUnread, int disappearing, String picture,
                   Message lastMessage, List<Label> labels) {

    Chat withLastMessage(Message message, List<Label> chatLabels) {
        return new Chat(id, name, conversationTimestamp, archived, pinned, mutedUntil, unreadCount, markedUnread,
                disappearing, picture, message, chatLabels == null ? List.of() : chatLabels);
    }

    static Chat unknown(String id) {
        return new Chat(id, null, null, false, false, null, 0, false, 0, null, null, List.of());
    }
}
