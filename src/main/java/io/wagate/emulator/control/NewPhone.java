package io.wagate.emulator.control;

import java.util.List;

/**
 * {@code POST /phones}: the number, whether WhatsApp addresses the account by its LID only (its messages come
 * LID-addressed, sends to its number are refused with 463), whether a usync asking for the LID alone (the
 * LID mapping lookup) answers it (device-list queries always do), and the chats the phone has, which its
 * history sync hands each companion it links.
 */
public record NewPhone(String number, boolean lidOnly, boolean lidLookup, List<PhoneChat> chats) {
    public NewPhone(String number, boolean lidOnly, boolean lidLookup) {
        this(number, lidOnly, lidLookup, List.of());
    }

    /**
     * A chat on the phone as WhatsApp's history sync describes it: {@code id} a JID ({@code <number>@s.whatsapp.net},
     * {@code <id>@g.us}); {@code muteEndTime} epoch ms (0: not muted); {@code pinned} when it was pinned, Unix
     * seconds (0: not pinned); {@code conversationTimestamp} its newest message's time, Unix seconds.
     */
    public record PhoneChat(String id, String name, int unreadCount, boolean markedAsUnread, boolean archived,
                            long pinned, long muteEndTime, long conversationTimestamp) {}
}
