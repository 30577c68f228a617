package io.wagate.label;

import io.wagate.account.Principal;
import io.wagate.chat.Chat;
import io.wagate.chat.ChatService;
import io.wagate.engine.EngineEvent;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import io.wagate.store.WriteQueue;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * WhatsApp Business labels of a session: kept as the engine reports them (so labels made on the phone count
 * too), changed through the engine, which refuses accounts that are not business accounts. WhatsApp's rules: at
 * most {@value #MAX_LABELS} labels, each name used once.
 */
public final class LabelService implements SessionService.SessionEventListener {
    public static final int MAX_LABELS = 20;
    public static final int MAX_NAME_LENGTH = 100;

    private final LabelStore store;
    private final ChatService chats;
    private final SessionService sessions;
    private final WriteQueue writes;
    private final Clock clock;

    public LabelService(LabelStore store, ChatService chats, SessionService sessions, WriteQueue writes, Clock clock) {
        this.store = store;
        this.chats = chats;
        this.sessions = sessions;
        this.writes = writes;
        this.clock = clock;
    }

    /** What a create or an update asks for; an update keeps what it leaves null. */
    public record LabelRequest(String name, Integer color, String colorHex) {}

    public List<Label> list(Principal principal, String sessionName) {
        return store.list(sessions.get(principal, sessionName).id());
    }

    public Label create(Principal principal, String sessionName, LabelRequest request) {
        var session = sessions.get(principal, sessionName);
        String name = name(request == null ? null : request.name());
        int color = Label.colorOf(request.color(), request.colorHex());
        var existing = store.list(session.id());
        requireUniqueName(existing, name, null);
        if (existing.size() >= MAX_LABELS) {
            throw ApiException.conflict("WhatsApp allows at most " + MAX_LABELS + " labels; delete one first");
        }
        // WhatsApp's apps number labels 1, 2, ...; a new one takes the next free number.
        long next = existing.stream().map(Label::id).filter(id -> id.matches("\\d{1,18}"))
                .mapToLong(Long::parseLong).max().orElse(0) + 1;
        var label = new EngineEvent.Label(Long.toString(next), name, color);
        change(session, engine -> engine.labels().upsert(label));
        return found(session, label);
    }

    public Label update(Principal principal, String sessionName, String labelId, LabelRequest request) {
        var session = sessions.get(principal, sessionName);
        var current = require(session, labelId);
        if (request == null) {
            throw ApiException.badRequest("a body with name, color or colorHex is required");
        }
        String name = request.name() == null ? current.name() : name(request.name());
        int color = request.color() == null && request.colorHex() == null ? current.color()
                : Label.colorOf(request.color(), request.colorHex());
        requireUniqueName(store.list(session.id()), name, labelId);
        var label = new EngineEvent.Label(labelId, name, color);
        change(session, engine -> engine.labels().upsert(label));
        return found(session, label);
    }

    public void delete(Principal principal, String sessionName, String labelId) {
        var session = sessions.get(principal, sessionName);
        var current = require(session, labelId);
        change(session, engine -> engine.labels().delete(new EngineEvent.Label(current.id(), current.name(),
                current.color())));
    }

    /** Gives the chat exactly these labels (adding and removing as needed); answers with its labels now. */
    public List<Label> setChatLabels(Principal principal, String sessionName, String rawChatId, List<String> labelIds) {
        var session = sessions.get(principal, sessionName);
        var chatId = ChatId.parse(rawChatId, "chatId");
        if (labelIds == null || labelIds.stream().anyMatch(Objects::isNull)) {
            throw ApiException.badRequest("labels must be a list of label ids ([] takes every label off)");
        }
        var wanted = new LinkedHashSet<>(labelIds);
        wanted.forEach(id -> require(session, id));
        if (chats.known(session, List.of(chatId.value())).isEmpty()) {
            throw ApiException.notFound("chat '" + chatId.value() + "' is not known to session '" + sessionName + "'");
        }
        var current = labelIdsOf(session, chatId);
        change(session, engine -> {
            current.stream().filter(id -> !wanted.contains(id))
                    .forEach(id -> engine.labels().labelChat(chatId, id, false));
            wanted.stream().filter(id -> !current.contains(id))
                    .forEach(id -> engine.labels().labelChat(chatId, id, true));
        });
        return store.labelsOf(session.id(), List.of(chatId.value())).getOrDefault(chatId.value(), List.of());
    }

    /** The chats carrying the label, as the chat list shows them. */
    public List<Chat> chatsOf(Principal principal, String sessionName, String labelId) {
        var session = sessions.get(principal, sessionName);
        require(session, labelId);
        return chats.known(session, store.chatsOf(session.id(), labelId));
    }

    @Override
    public void onEvent(String sessionId, EngineEvent event) {
        switch (event) {
            case EngineEvent.LabelUpserted upserted -> store.upsert(sessionId, upserted.label(), clock.millis());
            case EngineEvent.LabelDeleted deleted -> store.deleted(sessionId, deleted.label().id());
            case EngineEvent.LabelChat chat -> store.chat(sessionId, chat.labelId(), chat.chatId(), chat.added(),
                    clock.millis());
            default -> { }
        }
    }

    private List<String> labelIdsOf(Session session, ChatId chatId) {
        return store.labelsOf(session.id(), List.of(chatId.value())).getOrDefault(chatId.value(), List.of()).stream()
                .map(Label::id).toList();
    }

    /** Runs the engine command and returns once what the engine reported is stored. */
    private void change(Session session, Consumer<io.wagate.engine.EngineSession> command) {
        writes.awaitingWrites(() -> {
            sessions.runWithEngine(session, command);
            return null;
        });
    }

    private Label require(Session session, String labelId) {
        return store.find(session.id(), labelId).orElseThrow(() -> ApiException.notFound(
                "label '" + labelId + "' does not exist in session '" + session.name() + "'"));
    }

    /** The label as stored, or as asked for while the engine's report of it is still on its way. */
    private Label found(Session session, EngineEvent.Label asked) {
        return store.find(session.id(), asked.id()).orElse(Label.of(asked.id(), asked.name(), asked.color()));
    }

    private static String name(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        String name = raw.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static void requireUniqueName(List<Label> labels, String name, String exceptId) {
        String folded = name.toLowerCase(Locale.ROOT);
        labels.stream().filter(l -> !l.id().equals(exceptId) && l.name().toLowerCase(Locale.ROOT).equals(folded))
                .findFirst().ifPresent(l -> {
                    throw ApiException.conflict("a label named '" + l.name() + "' already exists (id " + l.id() + ")");
                });
    }
}
