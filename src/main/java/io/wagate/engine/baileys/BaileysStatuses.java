package io.wagate.engine.baileys;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import io.wagate.engine.StatusOperations;
import io.wagate.ids.ChatId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Statuses through a session's bridge (status.* of bridge/src/status.js): Baileys' sendMessage to
 * {@code status@broadcast} with the recipients as its {@code statusJidList}. Others' statuses come in as messages
 * of {@code status@broadcast}, which the bridge receives only when the session opted in.
 */
final class BaileysStatuses implements StatusOperations {
    private final BaileysSession session;

    BaileysStatuses(BaileysSession session) {
        this.session = session;
    }

    @Override
    public EngineMessage post(Post post, List<ChatId> recipients, Consumer<EngineMessage> sent) {
        var params = new LinkedHashMap<String, Object>();
        params.put("post", BaileysStatuses.post(post));
        params.put("recipients", recipients);
        return session.sendCalling(id -> {
            params.put("id", id);
            return params;
        }, "status.post", answer -> withOwnFile(session.toMessage(answer), post), message -> {
            sent.accept(message);
            session.emit(new EngineEvent.MessageAdded(message));
        });
    }

    @Override
    public void delete(MessageKey status, List<ChatId> recipients) {
        session.call("status.delete", Map.of("id", status.id(), "recipients", recipients));
    }

    static Map<String, Object> post(Post post) {
        var out = new LinkedHashMap<String, Object>();
        switch (post) {
            case Post.Text text -> {
                out.put("kind", "text");
                out.put("text", text.text());
                out.put("backgroundColor", text.backgroundColor());
                out.put("font", text.font());
            }
            case Post.Image image -> {
                out.put("kind", "image");
                out.put("file", BridgeJson.file(image.file()));
                out.put("caption", image.caption());
            }
            case Post.Video video -> {
                out.put("kind", "video");
                out.put("file", BridgeJson.file(video.file()));
                out.put("caption", video.caption());
            }
            case Post.Voice voice -> {
                out.put("kind", "voice");
                out.put("file", BridgeJson.file(voice.file()));
                out.put("backgroundColor", voice.backgroundColor());
            }
        }
        return out;
    }

    /** As for sends: wagate keeps its own copy of the file the status was posted from. */
    private static EngineMessage withOwnFile(EngineMessage sent, Post post) {
        OutgoingMessage.MediaFile file = switch (post) {
            case Post.Text ignored -> null;
            case Post.Image image -> image.file();
            case Post.Video video -> video.file();
            case Post.Voice voice -> voice.file();
        };
        return file == null ? sent : sent.withMedia(Optional.of(new EngineMessage.Media(file.path(), file.mimetype(),
                file.filename(), file.size(), false, false)));
    }
}
