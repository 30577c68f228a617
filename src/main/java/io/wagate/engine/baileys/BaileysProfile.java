package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.OutgoingMessage;
import io.wagate.engine.ProfileOperations;
import io.wagate.ids.ChatId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The account's profile and privacy through a session's bridge (the profile.* and privacy.* methods of bridge/src/profile.js). */
final class BaileysProfile implements ProfileOperations {
    private final BaileysSession session;
    private final Consumer<EngineEvent> emit;

    BaileysProfile(BaileysSession session, Consumer<EngineEvent> emit) {
        this.session = session;
        this.emit = emit;
    }

    @Override
    public Profile get() {
        JsonNode answer = session.call("profile.get", Map.of());
        return new Profile(ChatId.of(answer.path("id").asText()), answer.path("name").asText(""),
                answer.path("about").asText(""), Optional.ofNullable(answer.path("picture").textValue()));
    }

    /** Baileys keeps the new name in its credentials only once WhatsApp syncs it back; the session shows it now. */
    @Override
    public void setName(String name) {
        session.call("profile.setName", Map.of("name", name));
        emit.accept(new EngineEvent.PushNameChanged(name));
    }

    @Override
    public void setAbout(String about) {
        session.call("profile.setAbout", Map.of("about", about));
    }

    @Override
    public void setPicture(OutgoingMessage.MediaFile jpeg) {
        session.call("profile.setPicture", Map.of("file", BridgeJson.file(jpeg)));
    }

    @Override
    public void removePicture() {
        session.call("profile.removePicture", Map.of());
    }

    @Override
    public Privacy privacy() {
        return privacy(session.call("privacy.get", Map.of()));
    }

    @Override
    public Privacy setPrivacy(Privacy changes) {
        var params = new LinkedHashMap<String, Object>();
        put(params, "lastSeen", changes.lastSeen());
        put(params, "online", changes.online());
        put(params, "profilePhoto", changes.profilePhoto());
        put(params, "about", changes.about());
        put(params, "groupAdd", changes.groupAdd());
        put(params, "readReceipts", changes.readReceipts());
        return privacy(session.call("privacy.set", params));
    }

    private static void put(Map<String, Object> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    private static Privacy privacy(JsonNode node) {
        return new Privacy(node.path("lastSeen").textValue(), node.path("online").textValue(),
                node.path("profilePhoto").textValue(), node.path("about").textValue(), node.path("groupAdd").textValue(),
                node.path("readReceipts").textValue());
    }
}
