package io.wagate.emulator;

import io.wagate.wa.binary.Node;
import io.wagate.wa.proto.HistorySync;
import io.wagate.wa.proto.Message;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DeflaterOutputStream;

/**
 * The phone's history-sync notice to a companion. After its first login Baileys holds events back until one
 * arrives or 20 s pass (Socket/chats.js, AwaitingInitialSync); an initial bootstrap with an empty history
 * inlined ends that wait at once, and Baileys then counts the account as synced (accountSyncCounter), so later
 * logins do not wait. The phone plays no part in encryption here, so the notice comes as {@code <plaintext>},
 * which Baileys reads like a decrypted message (Utils/decode-wa-message.js).
 */
final class HistoryNotice {
    private HistoryNotice() {}

    /** The notice with the phone's chats ({@link Account#chats}) as its initial bootstrap's conversations. */
    static Node to(Account account) {
        var sync = HistorySync.newBuilder().setSyncType(HistorySync.HistorySyncType.INITIAL_BOOTSTRAP).setProgress(100);
        account.chats.forEach(chat -> sync.addConversations(conversation(chat)));
        byte[] history = sync.build().toByteArray();
        var notice = Message.newBuilder().setProtocolMessage(Message.ProtocolMessage.newBuilder()
                .setType(Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION)
                .setHistorySyncNotification(Message.HistorySyncNotification.newBuilder()
                        .setSyncType(HistorySync.HistorySyncType.INITIAL_BOOTSTRAP)
                        .setProgress(100)
                        .setInitialHistBootstrapInlinePayload(com.google.protobuf.ByteString.copyFrom(deflate(history)))))
                .build();
        String id = HexFormat.of().withUpperCase().formatHex(randomBytes());
        return new Node("message", Node.attrsOf("from", account.pnJid(), "id", id, "t", Login.now(), "type", "text",
                "category", "peer"), java.util.List.of(new Node("plaintext", java.util.Map.of(), notice.toByteArray())));
    }

    /** A chat of the phone as the history sync's Conversation carries it (only what is set). */
    private static HistorySync.Conversation conversation(io.wagate.emulator.control.NewPhone.PhoneChat chat) {
        var out = HistorySync.Conversation.newBuilder().setId(chat.id());
        if (!chat.name().isEmpty()) {
            out.setName(chat.name());
        }
        out.setUnreadCount(chat.unreadCount()).setMarkedAsUnread(chat.markedAsUnread()).setArchived(chat.archived());
        if (chat.pinned() > 0) {
            out.setPinned((int) chat.pinned());
        }
        if (chat.muteEndTime() != 0) {
            out.setMuteEndTime(chat.muteEndTime());
        }
        if (chat.conversationTimestamp() > 0) {
            out.setConversationTimestamp(chat.conversationTimestamp());
        }
        return out.build();
    }

    /** Whether a receipt is the companion's answer to the notice rather than one for a chat. */
    static boolean isPeerReceipt(String type) {
        return "hist_sync".equals(type) || "peer_msg".equals(type);
    }

    private static byte[] deflate(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var deflater = new DeflaterOutputStream(out)) {
            deflater.write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
