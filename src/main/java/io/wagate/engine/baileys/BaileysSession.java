package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.config.Config.BaileysConfig;
import io.wagate.engine.AuthState;
import io.wagate.engine.ChannelOperations;
import io.wagate.engine.CommunityOperations;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import io.wagate.engine.GroupOperations;
import io.wagate.engine.LinkPreviews;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import io.wagate.engine.ProfileOperations;
import io.wagate.engine.SessionStatus;
import io.wagate.engine.StatusOperations;
import io.wagate.ids.ChatId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One session on a bridge: lifecycle and commands become RPC calls, the bridge's events come back here. */
final class BaileysSession implements EngineSession {
    private static final Logger log = LoggerFactory.getLogger(BaileysSession.class);
    /** Sends upload media first: they may take longer than a plain request. */
    private static final int SEND_TIMEOUT_FACTOR = 4;

    private final EngineSessionContext context;
    private final BridgeSupervisor supervisor;
    private final BridgeEvents events;
    private final BaileysConfig config;
    private final BaileysGroups groups;
    private final BaileysChannels channels;
    private final BaileysProfile profile;
    private final BaileysCommunities communities;
    private final BaileysContacts contacts = new BaileysContacts(this);
    private final LinkPreviews previews;
    private final SentMessages sent = new SentMessages();
    private final UnreadKeys unread = new UnreadKeys();
    private final ReportedMessages reported = new ReportedMessages();
    private final WaVersions versions;

    BaileysSession(EngineSessionContext context, BridgeSupervisor supervisor, BridgeEvents events,
                   BaileysConfig config, LinkPreviews previews, WaVersions versions) {
        this.context = context;
        this.versions = versions;
        this.supervisor = supervisor;
        this.events = events;
        this.config = config;
        this.previews = previews;
        this.groups = new BaileysGroups(this);
        this.channels = new BaileysChannels(this, events::toMessage);
        this.profile = new BaileysProfile(this, this::emit);
        this.communities = new BaileysCommunities(this);
    }

    AuthState auth() {
        return context.auth();
    }

    /** Where the bridge writes the files it hands over. */
    Path mediaDir() {
        return events.mediaDir();
    }

    @Override
    public String engineName() {
        return BaileysEngine.NAME;
    }

    @Override
    public void start() {
        emit(new EngineEvent.StatusChanged(SessionStatus.STARTING, Optional.empty(), Optional.empty()));
        try {
            var version = versions.forOpen();
            var opened = supervisor.open(context.sessionId(), openParams(version));
            versions.reported(opened.path("waVersion").asText(null), version);
        } catch (RuntimeException e) {
            log.warn("session {} could not be opened on a bridge: {}", context.sessionName(), e.getMessage());
            emit(new EngineEvent.StatusChanged(SessionStatus.FAILED, Optional.empty(),
                    Optional.of("the Baileys bridge could not open the session: " + e.getMessage())));
        }
    }

    private Map<String, Object> openParams(Optional<WaVersions.Version> version) {
        var backoff = Map.<String, Object>of("minMs", config.reconnectMin().toMillis(),
                "maxMs", config.reconnectMax().toMillis());
        var params = new LinkedHashMap<String, Object>();
        params.put("session", context.sessionId());
        params.put("name", context.sessionName());
        var bridgeConfig = new LinkedHashMap<String, Object>();
        bridgeConfig.put("backoff", backoff);
        version.ifPresent(v -> bridgeConfig.put("waVersion", v.parts()));
        context.proxy().get().ifPresent(proxy -> bridgeConfig.put("proxy", proxy));
        // Others' statuses are not even decrypted unless the session opted in (read at every start).
        bridgeConfig.put("statuses", context.statuses().getAsBoolean());
        params.put("config", bridgeConfig);
        return params;
    }

    /** The bridge restarted and the session is opened again: it is connecting anew. */
    void reopening() {
        emit(new EngineEvent.StatusChanged(SessionStatus.STARTING, Optional.empty(), Optional.empty()));
    }

    @Override
    public void stop() {
        supervisor.close(context.sessionId(), "session.close");
        emit(new EngineEvent.StatusChanged(SessionStatus.STOPPED, Optional.empty(), Optional.empty()));
    }

    @Override
    public void logout() {
        supervisor.close(context.sessionId(), "session.logout");
        context.auth().clear();
        emit(new EngineEvent.StatusChanged(SessionStatus.STOPPED, Optional.empty(), Optional.empty()));
    }

    @Override
    public String requestPairingCode(String phoneNumber) {
        return call("session.pairingCode", Map.of("phone", phoneNumber)).path("code").asText();
    }

    /** The original as WhatsApp keeps it, by the bridge: its media goes by reference, the copy is not needed. */
    @Override
    public EngineMessage forward(ChatId chatId, MessageKey original,
                                 java.util.function.Supplier<OutgoingMessage> copy, Consumer<EngineMessage> sentTo) {
        String id = sent.begin();
        EngineMessage sentMessage;
        try {
            var params = new java.util.LinkedHashMap<String, Object>();
            params.put("chatId", chatId);
            params.put("original", BridgeJson.key(original));
            params.put("id", id);
            sentMessage = events.toMessage(call("message.forward", params,
                    supervisor.requestTimeout().multipliedBy(SEND_TIMEOUT_FACTOR)));
        } catch (RuntimeException e) {
            sent.failed(id).forEach(this::emit);
            throw e;
        }
        sentTo.accept(sentMessage);
        emit(new EngineEvent.MessageAdded(sentMessage));
        sent.sent(id).forEach(this::emit);
        return sentMessage;
    }

    /** Hands over and reports the sent message before answering, acks held meanwhile after it (see {@link SentMessages}). */
    @Override
    public EngineMessage send(OutgoingMessage message, Consumer<EngineMessage> sentTo) {
        var outgoing = BridgeJson.outgoing(message);
        // The preview is made here, where fetches pass wagate's private-target guard; the bridge fetches nothing.
        if (message instanceof OutgoingMessage.Text text && text.linkPreview()) {
            previews.of(text.text(), text.linkPreviewHighQuality())
                    .ifPresent(preview -> outgoing.put("preview", BridgeJson.linkPreview(preview)));
        }
        if (message instanceof OutgoingMessage.PollVote vote) {
            return sendCalling(id -> {
                outgoing.put("id", id);
                return Map.of("message", outgoing);
            }, "message.send", answer -> events.toMessage(answer), voted -> {
                // Baileys does not report a relayed vote back: it is counted on the poll now, as the sandbox does.
                emit(new EngineEvent.PollVoted(voted.key(), voted.from(), voted.to(), vote.pollMessage(),
                        vote.selectedOptions(), voted.timestamp()));
            });
        }
        if (message instanceof OutgoingMessage.EventResponse response) {
            return sendCalling(id -> {
                outgoing.put("id", id);
                return Map.of("message", outgoing);
            }, "message.send", answer -> events.toMessage(answer), answered -> {
                // Nor a relayed event response: counted on the event now.
                emit(new EngineEvent.EventResponse(answered.key(), response.eventMessage(), answered.from(),
                        response.answer().name(), false, answered.timestamp()));
            });
        }
        return sendCalling(id -> {
            outgoing.put("id", id);
            return Map.of("message", outgoing);
        }, "message.send", answer -> SentMessages.withOutgoingFile(events.toMessage(answer), message), sentMessage -> {
            sentTo.accept(sentMessage);
            emit(new EngineEvent.MessageAdded(sentMessage));
        });
    }

    /**
     * A send through {@code method}, whose params {@code params} makes around the id wagate picks: {@code report}
     * hands the message over and reports it; acks that came meanwhile follow it (see {@link #send}).
     */
    EngineMessage sendCalling(java.util.function.Function<String, Map<String, Object>> params, String method,
                              java.util.function.Function<JsonNode, EngineMessage> answered,
                              Consumer<EngineMessage> report) {
        String id = sent.begin();
        EngineMessage sentMessage;
        try {
            var answer = call(method, params.apply(id), supervisor.requestTimeout().multipliedBy(SEND_TIMEOUT_FACTOR));
            sentMessage = answered.apply(answer);
        } catch (RuntimeException e) {
            sent.failed(id).forEach(this::emit);
            throw e;
        }
        report.accept(sentMessage);
        // Only now: an ack that came meanwhile was held so that it follows the message it raises.
        sent.sent(id).forEach(this::emit);
        return sentMessage;
    }

    EngineMessage toMessage(JsonNode answer) {
        return events.toMessage(answer);
    }

    @Override
    public DownloadedMedia downloadMedia(MessageKey key, String downloadRef) {
        return events.toDownloaded(call("media.download", Map.of("ref", downloadRef),
                supervisor.requestTimeout().multipliedBy(SEND_TIMEOUT_FACTOR)));
    }

    @Override
    public void react(MessageKey target, String emoji) {
        call("message.react", Map.of("target", BridgeJson.key(target), "emoji", emoji));
    }

    @Override
    public void revoke(MessageKey target) {
        call("message.revoke", Map.of("target", BridgeJson.key(target)));
    }

    @Override
    public EngineMessage edit(MessageKey target, String newText) {
        return events.toMessage(call("message.edit", Map.of("target", BridgeJson.key(target), "text", newText)));
    }

    @Override
    public void pinMessage(MessageKey target, boolean pinned, int durationSeconds) {
        call("message.pin", Map.of("target", BridgeJson.key(target), "pinned", pinned, "duration", durationSeconds));
    }

    @Override
    public void star(MessageKey target, boolean starred) {
        call("message.star", Map.of("target", BridgeJson.key(target), "starred", starred));
    }

    /** Reads are receipts, not app state: Baileys reports nothing back, so the chat's unread count is told here. */
    @Override
    public void markRead(ChatId chatId, List<MessageKey> messages) {
        var keys = unread.read(chatId, messages);
        if (!keys.isEmpty()) {
            call("message.read", Map.of("chatId", chatId, "keys", keys.stream().map(BridgeJson::key).toList()));
        }
        emit(new EngineEvent.ChatStateChanged(chatId, EngineEvent.ChatState.unread(unread.count(chatId)),
                java.time.Instant.now()));
    }

    // Chat marks are app-state changes (Baileys' chatModify); Baileys reports each back as the account's
    // other devices see it (chats.update), which the bridge turns into chat.archive and chat.state events.

    @Override
    public void archiveChat(ChatId chatId, boolean archived, Optional<LastMessage> last) {
        call("chat.archive", withLast(Map.of("chatId", chatId, "archived", archived), last));
    }

    @Override
    public void pinChat(ChatId chatId, boolean pinned) {
        call("chat.pin", Map.of("chatId", chatId, "pinned", pinned));
    }

    @Override
    public void muteChat(ChatId chatId, long untilMillis) {
        call("chat.mute", Map.of("chatId", chatId, "until", untilMillis));
    }

    @Override
    public void markChatUnread(ChatId chatId, Optional<LastMessage> last) {
        call("chat.unread", withLast(Map.of("chatId", chatId), last));
    }

    /** A 1:1 chat's timer is a protocol message to the person, a group's a setting of the group (Baileys reports both back). */
    @Override
    public void setDisappearing(ChatId chatId, int seconds) {
        call("chat.disappearing", Map.of("chatId", chatId, "seconds", seconds));
    }

    @Override
    public void deleteChat(ChatId chatId, Optional<LastMessage> last) {
        call("chat.delete", withLast(Map.of("chatId", chatId), last));
    }

    /** WhatsApp's whole-chat changes name the chat's newest message (the range they apply to). */
    private static Map<String, Object> withLast(Map<String, Object> params, Optional<LastMessage> last) {
        var out = new LinkedHashMap<>(params);
        last.ifPresent(l -> out.put("last", Map.of("key", BridgeJson.key(l.key()),
                "timestamp", l.timestamp().getEpochSecond())));
        return out;
    }

    @Override
    public void setPresence(PresenceState presence, Optional<ChatId> chatId) {
        var params = new LinkedHashMap<String, Object>();
        params.put("presence", presence.name());
        chatId.ifPresent(c -> params.put("chatId", c));
        call("presence.set", params);
    }

    @Override
    public void subscribePresence(ChatId chatId) {
        call("presence.subscribe", Map.of("chatId", chatId));
    }

    @Override
    public Existence checkExists(String phoneDigits) {
        var result = call("contact.exists", Map.of("phone", phoneDigits));
        return new Existence(result.path("exists").asBoolean(),
                result.hasNonNull("chatId") ? BridgeJson.id(result, "chatId") : ChatId.ofPhone(phoneDigits));
    }

    /** Baileys' LID mapping store answers, asking WhatsApp (a usync query) for a number it does not know. */
    @Override
    public Optional<ChatId> lidForPhone(String phoneDigits) {
        var result = call("lid.forPhone", Map.of("phone", phoneDigits));
        return result.hasNonNull("lid") ? Optional.of(BridgeJson.id(result, "lid")) : Optional.empty();
    }

    @Override
    public Optional<ChatId> phoneForLid(ChatId lid) {
        var result = call("lid.forLid", Map.of("lid", lid));
        return result.hasNonNull("phone") ? Optional.of(BridgeJson.id(result, "phone")) : Optional.empty();
    }

    @Override
    public GroupOperations groups() {
        return groups;
    }

    @Override
    public StatusOperations statuses() {
        return new BaileysStatuses(this);
    }

    @Override
    public ChannelOperations channels() {
        return channels;
    }

    @Override
    public ProfileOperations profile() {
        return profile;
    }

    public io.wagate.engine.LabelOperations labels() {
        return new BaileysLabels(this);
    }

    public CommunityOperations communities() {
        return communities;
    }

    public io.wagate.engine.ContactOperations contacts() {
        return contacts;
    }

    @Override
    public void rejectCall(String callId, ChatId from) {
        call("call.reject", Map.of("callId", callId, "from", from));
    }

    JsonNode call(String method, Map<String, Object> params) {
        return call(method, params, supervisor.requestTimeout());
    }

    private JsonNode call(String method, Map<String, Object> params, Duration timeout) {
        var withSession = new LinkedHashMap<String, Object>(params);
        withSession.put("session", context.sessionId());
        return supervisor.call(context.sessionId(), method, withSession, timeout);
    }

    void onBridgeEvent(JsonNode json) {
        EngineEvent event;
        try {
            event = events.toEvent(json);
        } catch (RuntimeException e) {
            log.warn("session {}: dropped a bridge event that could not be read: {}", context.sessionName(),
                    e.getMessage());
            return;
        }
        if (event instanceof EngineEvent.StatusChanged change && change.status() == SessionStatus.FAILED) {
            supervisor.forget(context.sessionId());
        }
        if (!sent.report(event)) {
            // A dropped echo can carry a receipt Baileys merged into it (both came within one event batch).
            SentMessages.ackCarried(event).filter(sent::report).ifPresent(this::emit);
            return;
        }
        if (event instanceof EngineEvent.MessageAdded added) {
            if (!reported.first(added.message().key())) {
                log.debug("session {}: dropped a second report of message {}", context.sessionName(),
                        added.message().key().serialized());
                return;
            }
            unread.received(added.message());
        }
        emit(event);
        // The bridge's copy of received media was handed over (the message store copies what it keeps).
        if (event instanceof EngineEvent.MessageAdded added && added.message().media().isPresent()
                && added.message().media().get().path() != null) {
            try {
                Files.deleteIfExists(added.message().media().get().path());
            } catch (IOException e) {
                log.debug("could not delete {}: {}", added.message().media().get().path(), e.getMessage());
            }
        }
    }

    void emit(EngineEvent event) {
        context.listener().onEvent(event);
    }

    static EngineException unsupported(String what) {
        return EngineException.unsupported(BaileysEngine.NAME, what);
    }
}
