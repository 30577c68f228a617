package io.wagate.simple;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.account.Principal;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.message.MessageIds;
import io.wagate.message.MessageService;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The message a simple-API {@code messageKey} names in the chat of the request's number or group:
 * the key object {@code {remoteJid, fromMe, id, participant?}} as the original returns it, a
 * serialized id ({@code true_<chat>_<id>}), or WhatsApp's bare id, which the session's stored
 * messages resolve. The chat the key names must be the request's.
 */
final class MessageKeys {
    private static final Pattern BARE_ID = Pattern.compile("^[A-Za-z0-9]{4,64}$");
    private static final Set<String> KEY_FIELDS = Set.of("remoteJid", "fromMe", "id", "participant");

    private final MessageService messages;

    MessageKeys(MessageService messages) {
        this.messages = messages;
    }

    /** The serialized id of the message; 400 for a malformed key or another chat's, 404 when the session has none. */
    String resolve(Principal principal, String sessionName, ChatId chatId, JsonNode messageKey) {
        if (messageKey == null || messageKey.isNull() || messageKey.isMissingNode()) {
            throw ApiException.badRequest("messageKey is required: {remoteJid, fromMe, id} or a message id");
        }
        if (messageKey.isTextual()) {
            String value = messageKey.asText().trim();
            if (value.contains("_")) {
                var key = MessageIds.parse(value, "messageKey");
                requireSameChat(key.chatId(), chatId, "messageKey");
                return key.serialized();
            }
            return messages.idInChat(principal, sessionName, chatId, bareId(value, "messageKey"));
        }
        if (!messageKey.isObject()) {
            throw ApiException.badRequest("messageKey must be an object {remoteJid, fromMe, id} or a message id string");
        }
        messageKey.fieldNames().forEachRemaining(field -> {
            if (!KEY_FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field 'messageKey." + field + "'");
            }
        });
        var remoteJid = messageKey.get("remoteJid");
        if (remoteJid == null || !remoteJid.isTextual()) {
            throw ApiException.badRequest("messageKey.remoteJid is required (a string such as 1234567890@s.whatsapp.net)");
        }
        var fromMe = messageKey.get("fromMe");
        if (fromMe != null && !fromMe.isBoolean()) {
            throw ApiException.badRequest("field 'messageKey.fromMe' must be true or false");
        }
        var id = messageKey.get("id");
        if (id == null || !id.isTextual()) {
            throw ApiException.badRequest("messageKey.id is required (a string)");
        }
        requireSameChat(ChatId.parse(remoteJid.asText(), "messageKey.remoteJid"), chatId, "messageKey.remoteJid");
        // WhatsApp's id is unique within its chat: fromMe and participant add nothing to find it.
        return messages.idInChat(principal, sessionName, chatId, bareId(id.asText(), "messageKey.id"));
    }

    private static String bareId(String value, String field) {
        if (!BARE_ID.matcher(value.trim()).matches()) {
            throw ApiException.badRequest(field + " must be a message id (letters and digits, like 3EB0C1A2B3C4D5E6F708)"
                    + " or a serialized one (true_1234567890@c.us_3EB0C1A2B3C4D5E6F708)");
        }
        return value.trim();
    }

    private static void requireSameChat(ChatId keyChat, ChatId chatId, String field) {
        if (!keyChat.equals(chatId)) {
            throw ApiException.badRequest(field + " names a message of chat " + keyChat
                    + ", but number/group names chat " + chatId);
        }
    }
}
