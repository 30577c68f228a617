package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.engine.ContactOperations;
import io.wagate.engine.EngineEvent;
import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pictures, about texts and blocking through a session's bridge (the contact.* methods of bridge/src/contacts.js:
 * Baileys' profilePictureUrl, fetchStatus, updateBlockStatus and fetchBlocklist). The picture is fetched by the
 * bridge, from the URL WhatsApp gave.
 */
final class BaileysContacts implements ContactOperations {
    private final BaileysSession session;

    BaileysContacts(BaileysSession session) {
        this.session = session;
    }

    @Override
    public Optional<String> pictureUrl(ChatId contact) {
        return BridgeJson.text(session.call("contact.picture", Map.of("contactId", contact.value())), "url");
    }

    @Override
    public byte[] downloadPicture(ChatId contact, String url) {
        return Base64.getDecoder().decode(session.call("contact.picture.download", Map.of("url", url))
                .path("data").asText(""));
    }

    @Override
    public Optional<About> about(ChatId contact) {
        JsonNode answer = session.call("contact.about", Map.of("contactId", contact.value()));
        return BridgeJson.text(answer, "text").map(text -> new About(text, answer.hasNonNull("setAt")
                ? Optional.of(Instant.ofEpochMilli(answer.path("setAt").asLong())) : Optional.empty()));
    }

    @Override
    public void setBlocked(ChatId contact, boolean blocked) {
        session.call("contact.block", Map.of("contactId", contact.value(), "blocked", blocked));
    }

    @Override
    public List<ChatId> blocklist() {
        return BridgeJson.strings(session.call("contact.blocklist", Map.of()).path("ids")).stream().map(ChatId::of)
                .toList();
    }

    /** A 'contacts' event of the bridge: each as far as it tells. */
    static List<EngineEvent.Contact> contacts(JsonNode array) {
        var out = new ArrayList<EngineEvent.Contact>();
        for (JsonNode node : array) {
            out.add(new EngineEvent.Contact(BridgeJson.id(node, "id"), BridgeJson.text(node, "name"),
                    BridgeJson.text(node, "pushName"), BridgeJson.optionalId(node, "lid")));
        }
        return List.copyOf(out);
    }
}
