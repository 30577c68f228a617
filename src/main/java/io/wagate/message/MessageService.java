package io.wagate.message;

import io.wagate.account.Principal;
import io.wagate.engine.Ack;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineMessage;
import io.wagate.engine.MessageKey;
import io.wagate.engine.OutgoingMessage;
import io.wagate.error.ApiException;
import io.wagate.error.Fields;
import io.wagate.ids.ChatId;
import io.wagate.ids.ChatIds;
import io.wagate.mediastore.MediaStore;
import io.wagate.mediastore.MediaStoreException;
import io.wagate.mediastore.StoredMedia;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sending, reading and listing messages, and keeping every message a session reports. A sent
 * message is in the store before the send is answered, so an acknowledged send survives a crash.
 */
public final class MessageService implements SessionService.SessionEventListener {
    /** WhatsApp's own limit on a text message. */
    public static final int MAX_TEXT_LENGTH = 65_535;
    public static final int MAX_PAGE = 1000;
    /** A location's title and address. */
    public static final int MAX_LOCATION_TEXT = 256;
    /** WhatsApp's limits on a poll: its question, each option. */
    public static final int MAX_POLL_NAME = 255;
    public static final int MAX_POLL_OPTION = 100;
    /** Cards in one message, and the parts of a card. */
    public static final int MAX_CONTACTS = 10;
    public static final int MAX_CONTACT_NAME = 256;
    public static final int MAX_CONTACT_PHONE = 32;
    public static final int MAX_VCARD = 8192;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MessageService.class);

    private final MessageStore store;
    private final MediaStore mediaStore;
    private final MediaRefs mediaRefs;
    private final SessionService sessions;
    private final SendPacer pacer;
    /**
     * Messages a send has just stored, whose report as {@link EngineEvent.MessageAdded} follows on the same thread
     * (the engine's contract): that report must not write the row again.
     */
    private final Set<SentRow> storedBySend = ConcurrentHashMap.newKeySet();

    private record SentRow(String sessionId, String messageId) {}

    public MessageService(MessageStore store, MediaStore mediaStore, MediaRefs mediaRefs, SessionService sessions) {
        this.store = store;
        this.mediaStore = mediaStore;
        this.mediaRefs = mediaRefs;
        this.sessions = sessions;
        this.pacer = new SendPacer(sessions);
    }

    public record SendText(String session, String chatId, String text, List<String> mentions, String replyTo,
                           boolean linkPreview, boolean linkPreviewHighQuality) {}

    public Message sendText(Principal principal, SendText request) {
        var session = sessions.getOrDefault(principal, request.session());
        ChatId chatId = ChatId.parse(request.chatId(), "chatId");
        String text = requireText(request.text(), "text");
        List<ChatId> mentions = request.mentions() == null ? List.of()
                : request.mentions().stream().map(m -> ChatId.parse(m, "mentions")).toList();
        var replyTo = replyTo(session, request.replyTo());
        return send(session, new OutgoingMessage.Text(chatId, text, mentions, replyTo, request.linkPreview(),
                request.linkPreviewHighQuality()));
    }

    public record SendLocation(String session, String chatId, Double latitude, Double longitude, String title,
                               String address, String replyTo) {}

    public Message sendLocation(Principal principal, SendLocation request) {
        var session = sessions.getOrDefault(principal, request.session());
        ChatId chatId = ChatId.parse(request.chatId(), "chatId");
        double latitude = coordinate(request.latitude(), "latitude", 90);
        double longitude = coordinate(request.longitude(), "longitude", 180);
        Fields.limited(request.title(), "title", MAX_LOCATION_TEXT);
        Fields.limited(request.address(), "address", MAX_LOCATION_TEXT);
        var location = new EngineMessage.Location(latitude, longitude, request.title(), request.address());
        return send(session, new OutgoingMessage.Location(chatId, location, replyTo(session, request.replyTo())));
    }

    /** One card: a full name and number to build a vCard from, or a vCard as given. */
    public record Contact(String fullName, String phoneNumber, String organization, String vcard) {}

    public record SendContacts(String session, String chatId, List<String> contactsId, List<Contact> contacts,
                               String replyTo) {}

    public Message sendContacts(Principal principal, SendContacts request) {
        var session = sessions.getOrDefault(principal, request.session());
        ChatId chatId = ChatId.parse(request.chatId(), "chatId");
        var cards = new java.util.ArrayList<OutgoingMessage.ContactCard>();
        for (String id : request.contactsId() == null ? List.<String>of() : request.contactsId()) {
            String phone = ChatId.parse(id, "contactsId").phone().orElseThrow(() -> ApiException.badRequest(
                    "contactsId must name people (<number>@c.us), not groups or channels"));
            cards.add(new OutgoingMessage.ContactCard("+" + phone, VCards.of("+" + phone, phone, null)));
        }
        for (var contact : request.contacts() == null ? List.<Contact>of() : request.contacts()) {
            cards.add(card(contact));
        }
        if (cards.size() > MAX_CONTACTS) {
            throw ApiException.badRequest("contactsId and contacts may name at most " + MAX_CONTACTS
                    + " contacts together, got " + cards.size());
        }
        if (cards.isEmpty()) {
            throw ApiException.badRequest("contactsId or contacts must name at least one contact");
        }
        return send(session, new OutgoingMessage.Contacts(chatId, List.copyOf(cards), replyTo(session, request.replyTo())));
    }

    /**
     * {@code selectableCount}: how many options a voter may pick, 1 to all of them (null: 1).
     * {@code announcementGroup}: the poll goes to a community's announcement group.
     */
    public record SendPoll(String session, String chatId, String name, List<String> options, Integer selectableCount,
                           boolean announcementGroup, String replyTo) {
        /** How many options a voter may pick for WAHA's {@code multipleAnswers}: any number of them, or one. */
        public static int selectableFor(List<String> options, Boolean multipleAnswers) {
            return Boolean.TRUE.equals(multipleAnswers) && options != null && !options.isEmpty() ? options.size() : 1;
        }

        /** A poll as WAHA-shaped bodies give it ({@code poll: {name, options, multipleAnswers}}), to a chat. */
        public static SendPoll of(String session, String chatId, String name, List<String> options,
                                  Boolean multipleAnswers, String replyTo) {
            return new SendPoll(session, chatId, name, options, selectableFor(options, multipleAnswers), false, replyTo);
        }
    }

    /** The ids a WAHA-shaped sendSeen names: its deprecated {@code messageId} and its {@code messageIds}. */
    public static List<String> seenIds(String messageId, List<String> messageIds) {
        var ids = new ArrayList<String>();
        if (messageId != null) {
            ids.add(messageId);
        }
        if (messageIds != null) {
            ids.addAll(messageIds);
        }
        return ids;
    }

    public Message sendPoll(Principal principal, SendPoll request) {
        var session = sessions.getOrDefault(principal, request.session());
        ChatId chatId = ChatId.parse(request.chatId(), "chatId");
        String name = Fields.limited(requireText(request.name(), "poll.name"), "poll.name", MAX_POLL_NAME);
        var options = pollOptions(request.options(), "poll.options");
        int selectable = request.selectableCount() == null ? 1 : request.selectableCount();
        if (selectable < 1 || selectable > options.size()) {
            throw ApiException.badRequest("selectableCount must be between 1 and the number of options ("
                    + options.size() + ")");
        }
        var poll = new EngineMessage.Poll(name, List.copyOf(options), selectable);
        return send(session, new OutgoingMessage.Poll(chatId, poll, request.announcementGroup(),
                replyTo(session, request.replyTo())));
    }

    /** One message of a chat; 404 when the session has no such message in it. */
    public Message get(Principal principal, String sessionName, String rawChatId, String messageId) {
        var session = sessions.get(principal, sessionName);
        return store.find(session.id(), messageOfChat(session, rawChatId, messageId).serialized()).orElseThrow();
    }

    /** Changes the text of one of the session's own messages; 200 with the message as it now is. */
    public Message edit(Principal principal, String sessionName, String rawChatId, String messageId, String text) {
        var session = sessions.get(principal, sessionName);
        var key = messageOfChat(session, rawChatId, messageId);
        String newText = requireText(text, "text");
        sessions.withEngine(session, engine -> engine.edit(key, newText));
        return store.find(session.id(), key.serialized()).orElseThrow();
    }

    /** WhatsApp's pin durations: 24 hours, 7 days (its default), 30 days. */
    private static final Set<Integer> PIN_DURATIONS = Set.of(86_400, 604_800, 2_592_000);
    private static final int DEFAULT_PIN = 604_800;

    /** A pin's outcome: the message, whether it is pinned now, for how long (seconds; null when unpinned). */
    public record PinnedMessage(String id, boolean pinned, Integer duration) {}

    /** Pins a message of the chat for everyone in it ({@code duration} seconds, 7 days when null), or unpins it. */
    public PinnedMessage pin(Principal principal, String sessionName, String rawChatId, String messageId,
                             boolean pinned, Integer duration) {
        int seconds = duration == null ? DEFAULT_PIN : duration;
        if (pinned && !PIN_DURATIONS.contains(seconds)) {
            throw ApiException.badRequest("duration must be 86400 (24 h), 604800 (7 days) or 2592000 (30 days)");
        }
        var session = sessions.get(principal, sessionName);
        var key = messageOfChat(session, rawChatId, messageId);
        sessions.runWithEngine(session, engine -> engine.pinMessage(key, pinned, pinned ? seconds : 0));
        return new PinnedMessage(key.serialized(), pinned, pinned ? seconds : null);
    }

    /** Deletes one of the session's own messages for everyone. */
    public void revoke(Principal principal, String sessionName, String rawChatId, String messageId) {
        var session = sessions.get(principal, sessionName);
        var key = messageOfChat(session, rawChatId, messageId);
        sessions.runWithEngine(session, engine -> engine.revoke(key));
    }

    /**
     * Stars or unstars a message of the session (its own or received); answers with the message,
     * which shows {@code starred: true} while starred. {@code chatId}, when given, must be the message's chat.
     */
    public Message star(Principal principal, String sessionName, String rawChatId, String messageId, Boolean star) {
        var session = sessions.getOrDefault(principal, sessionName);
        if (star == null) {
            throw ApiException.badRequest("star is required (true to star, false to unstar)");
        }
        var key = rawChatId == null ? existing(session, messageId, "messageId")
                : messageOfChat(session, rawChatId, messageId);
        sessions.runWithEngine(session, engine -> engine.star(key, star));
        store.setStarred(session.id(), key.serialized(), star);
        return store.find(session.id(), key.serialized()).orElseThrow();
    }

    /**
     * Reacts to a stored message of the session with one emoji; {@code ""} removes the session's
     * reaction. Answers the message as it is then, with its reactions.
     */
    public Message react(Principal principal, String sessionName, String messageId, String reaction) {
        var session = sessions.getOrDefault(principal, sessionName);
        String emoji = Reactions.emoji(reaction, "reaction");
        var key = existing(session, messageId, "messageId");
        sessions.runWithEngine(session, engine -> engine.react(key, emoji));
        return store.find(session.id(), key.serialized()).orElseThrow();
    }

    /**
     * The serialized id of the session's message that WhatsApp calls {@code waId} in {@code chatId};
     * 404 when the session has no such message.
     */
    public String idInChat(Principal principal, String sessionName, ChatId chatId, String waId) {
        var session = sessions.getOrDefault(principal, sessionName);
        return store.findId(session.id(), chatId, waId).orElseThrow(() -> ApiException.notFound(
                "message '" + waId + "' not found in chat " + chatId + " of session '" + session.name() + "'"));
    }

    /** Marks messages of a chat read; without ids, everything unread in it. */
    public void sendSeen(Principal principal, String sessionName, String rawChatId, List<String> messageIds) {
        var session = sessions.getOrDefault(principal, sessionName);
        ChatId chatId = ChatId.parse(rawChatId, "chatId");
        var keys = messageIds.stream().map(id -> existing(session, id, "messageIds")).toList();
        if (keys.stream().anyMatch(k -> !k.chatId().equals(chatId))) {
            throw ApiException.badRequest("messageIds must be messages of chat " + chatId);
        }
        sessions.runWithEngine(session, engine -> engine.markRead(chatId, keys));
    }

    /** {@code downloadMedia}: media not fetched yet (see {@link #media}) is fetched first, where it can be. */
    public List<Message> list(Principal principal, String sessionName, Optional<String> rawChatId, int limit,
                              int offset, boolean downloadMedia) {
        var page = list(principal, sessionName, rawChatId, limit, offset);
        if (downloadMedia) {
            var session = sessions.getOrDefault(principal, sessionName);
            for (var message : page) {
                if (message.media() == null) {
                    continue;
                }
                try {
                    if (!mediaStore.contains(session.id(), message.id())) {
                        fetch(session, message.id());
                    }
                } catch (ApiException | io.wagate.engine.EngineException | MediaStoreException e) {
                    log.info("media of message {} not fetched for the list: {}", message.id(), e.getMessage());
                }
            }
        }
        return page;
    }

    public List<Message> list(Principal principal, String sessionName, Optional<String> rawChatId, int limit,
                              int offset) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        if (offset < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        var session = sessions.getOrDefault(principal, sessionName);
        var chatId = rawChatId.map(raw -> ChatId.parse(raw, "chatId"));
        return store.list(session.id(), chatId, limit, offset);
    }

    @Override
    public void onEvent(String sessionId, EngineEvent event) {
        switch (event) {
            case EngineEvent.MessageAdded added -> {
                if (!storedBySend.remove(new SentRow(sessionId, added.message().key().serialized()))) {
                    keep(sessionId, added.message());
                }
            }
            case EngineEvent.MessageAcked acked when acked.ack() == Ack.ERROR ->
                    store.fail(sessionId, acked.key().serialized(), Message.Failure.of(acked.error()));
            case EngineEvent.MessageAcked acked -> store.raiseAck(sessionId, acked.key().serialized(), acked.ack());
            case EngineEvent.MessageEdited edited -> store.change(sessionId, edited.edited().serialized(),
                    m -> m.edited(edited.message().body()));
            case EngineEvent.MessageRevoked revoked -> {
                store.change(sessionId, revoked.revoked().serialized(), Message::revoked);
                store.clearReactions(sessionId, revoked.revoked().serialized());
            }
            case EngineEvent.MessagePinned pin -> store.pin(sessionId, pin.target().serialized(), pin.pinned()
                    ? pin.timestamp().toEpochMilli() + pin.durationSeconds() * 1000L : null, pin.by().value());
            case EngineEvent.PollVoted voted -> store.change(sessionId, voted.poll().serialized(),
                    m -> m.withVote(voted.from().value(), voted.selectedOptions()));
            case EngineEvent.EventResponse response when !response.failed() -> store.change(sessionId,
                    response.event().serialized(), m -> m.withEventResponse(response.from().value(), response.answer()));
            // In a group the reactor is the key's participant; else whoever the reaction is from (me included).
            case EngineEvent.ReactionReceived reaction -> store.react(sessionId, reaction.target().serialized(),
                    reaction.reactionKey().participant().orElse(reaction.from()).value(), reaction.text(),
                    reaction.timestamp().toEpochMilli());
            default -> { }
        }
    }

    /** Stores a message the session sent or received, with its media. */
    private void keep(String sessionId, EngineMessage message) {
        store.insert(sessionId, message.key().chatId(), message.timestamp().toEpochMilli(), keepMedia(sessionId, message));
    }

    /** The stored shape of a message, its media copied to the media files and linked from {@code media.url}. */
    private Message keepMedia(String sessionId, EngineMessage engineMessage) {
        var message = Message.of(engineMessage);
        if (engineMessage.media().isEmpty()) {
            return message;
        }
        var media = engineMessage.media().get();
        if (media.path() != null) {
            try {
                mediaStore.keep(sessionId, message.id(), media.path());
            } catch (MediaStoreException e) {
                // The message happened (a send went out already): it is stored; its download is a 503 while the
                // store is down, a 404 after.
                log.warn("media of message {} not stored: {}", message.id(), e.getMessage());
            }
        } else if (media.downloadRef() != null) {
            mediaRefs.keep(sessionId, message.id(), media.downloadRef());
        }
        return message.withMediaLinkOf(sessions.byId(sessionId).map(Session::name).orElse(sessionId));
    }

    /** A stored message's media file, open for download (the caller closes it), with what the message says of it. */
    public record MediaDownload(StoredMedia file, Message.Media media) {}

    /** 404 when the message or its media is not there; 503 when the media store cannot be reached. */
    public MediaDownload media(Principal principal, String sessionName, String messageId) {
        var session = sessions.get(principal, sessionName);
        var key = MessageIds.parse(messageId, "messageId");
        var message = store.find(session.id(), key.serialized()).filter(m -> m.media() != null)
                .orElseThrow(() -> ApiException.notFound("no media for message '" + messageId + "'"));
        try {
            var file = mediaStore.open(session.id(), message.id())
                    .or(() -> fetch(session, message.id()) ? mediaStore.open(session.id(), message.id()) : Optional.empty())
                    .orElseThrow(() -> ApiException.notFound("the media of message '" + messageId + "' is gone"));
            return new MediaDownload(file, message.media());
        } catch (MediaStoreException e) {
            log.warn("media of message {} not read: {}", message.id(), e.getMessage());
            throw ApiException.unavailable("the media store cannot be reached; try again shortly");
        }
    }

    /**
     * Media the engine reported without downloading it: fetched now, through the session's engine
     * (which must be WORKING), and kept like any other media file. False when there is nothing to fetch.
     */
    private boolean fetch(Session session, String messageId) {
        var ref = mediaRefs.find(session.id(), messageId);
        if (ref.isEmpty()) {
            return false;
        }
        var key = MessageIds.parse(messageId, "messageId");
        var fetched = sessions.withEngine(session, engine -> engine.downloadMedia(key, ref.get()));
        fetched.updatedRef().ifPresent(newRef -> mediaRefs.replace(session.id(), messageId, newRef));
        mediaStore.take(session.id(), messageId, fetched.path());
        return true;
    }

    /**
     * Sends, and answers with the message as it was stored (with its media link) at the ack the
     * send reached, not a later one delivery may already have brought, so the answer does not race it.
     */
    Message send(Session session, OutgoingMessage message) {
        refuseNewChatWhileRestricted(session, message.chatId());
        var pacing = session.config().pacing();
        if (pacing == null) {
            return sendNow(session, message);
        }
        int typed = message instanceof OutgoingMessage.Text text ? text.text().length() : 0;
        return pacer.paced(session, pacing, message.chatId(), typed,
                () -> sendNow(sessions.byId(session.id()).orElse(session), message));
    }

    /**
     * While WhatsApp's reach-out timelock holds, or its new-chat cap is used up, it refuses (463, after the send
     * returned) any message that would start a 1:1 chat: refused here at once instead, saying until when. Chats
     * the session has messages in still go.
     */
    private void refuseNewChatWhileRestricted(Session session, io.wagate.ids.ChatId chatId) {
        var restrictions = session.me().map(io.wagate.engine.Me::restrictions).orElse(null);
        if (restrictions == null || !chatId.isPerson()) {
            return;
        }
        var now = java.time.Instant.now();
        var timelocked = restrictions.timelockedAt(now);
        var capped = restrictions.cappedAt(now);
        if (timelocked.isEmpty() && capped.isEmpty() || store.hasChat(session.id(), chatId.value())) {
            return;
        }
        String why = timelocked.isPresent()
                ? "WhatsApp restricts this account from starting new chats (reach-out timelock, "
                        + restrictions.reachoutTimelock().enforcementType() + ") "
                        + timelocked.get().map(u -> "until " + u).orElse("until it lifts the restriction")
                : "this account has used up WhatsApp's new-chat cap (" + restrictions.newChatCap().used() + " of "
                        + restrictions.newChatCap().total() + ") "
                        + capped.get().map(u -> "until " + u).orElse("until WhatsApp starts a new cycle");
        throw ApiException.conflict(why + "; " + chatId + " has no messages yet. Chats with messages still work");
    }

    /**
     * The message's row is written when the engine hands the sent message over, before it reports anything about
     * it ({@link io.wagate.engine.EngineSession#send}), so acks find their row and the events name a stored message;
     * {@code withEngine} returns once that row and the rest the send caused (webhook deliveries) are committed.
     */
    private Message sendNow(Session session, OutgoingMessage message) {
        return sendThrough(session, (engine, sent) -> engine.send(message, sent));
    }

    /** Forwards a stored message of the session to {@code chatId}, stored like any sent message. */
    Message forward(Session session, ChatId chatId, MessageKey original,
                    java.util.function.Supplier<OutgoingMessage> copy) {
        refuseNewChatWhileRestricted(session, chatId);
        return sendThrough(session, (engine, sent) -> engine.forward(chatId, original, copy, sent));
    }

    /**
     * Sends through {@code send}, an engine operation that keeps {@link io.wagate.engine.EngineSession#send}'s
     * contract (a status post): the message is stored when the engine hands it over, and answered as stored.
     */
    public Message sendThrough(Session session, java.util.function.BiFunction<io.wagate.engine.EngineSession,
            java.util.function.Consumer<EngineMessage>, EngineMessage> send) {
        var sent = sessions.withEngine(session, engine -> send.apply(engine, added -> {
            keep(session.id(), added);
            storedBySend.add(new SentRow(session.id(), added.key().serialized()));
        }));
        return Message.of(sent).withMediaLinkOf(session.name());
    }

    /** The session's stored messages of one chat, newest first (no bounds checked: for the features' own reads). */
    public List<Message> stored(Session session, ChatId chatId, int limit, int offset) {
        return store.list(session.id(), Optional.of(chatId), limit, offset);
    }

    public Optional<Message> stored(Session session, MessageKey key) {
        return store.find(session.id(), key.serialized());
    }

    Optional<EngineMessage.Quoted> replyTo(Session session, String serialized) {
        return Optional.ofNullable(serialized).map(id -> quoted(session, id, "reply_to"));
    }

    private MessageKey messageOfChat(Session session, String rawChatId, String messageId) {
        ChatId chatId = ChatId.parse(rawChatId, "chatId");
        var key = existing(session, messageId, "messageId");
        if (!key.chatId().equals(chatId)) {
            throw ApiException.notFound("message '" + messageId + "' is not in chat " + chatId);
        }
        return key;
    }

    private static OutgoingMessage.ContactCard card(Contact contact) {
        Fields.limited(contact.vcard(), "contacts[].vcard", MAX_VCARD);
        Fields.limited(contact.fullName(), "contacts[].fullName", MAX_CONTACT_NAME);
        Fields.limited(contact.phoneNumber(), "contacts[].phoneNumber", MAX_CONTACT_PHONE);
        Fields.limited(contact.organization(), "contacts[].organization", MAX_CONTACT_NAME);
        if (contact.vcard() != null) {
            if (!contact.vcard().startsWith("BEGIN:VCARD") || !contact.vcard().strip().endsWith("END:VCARD")) {
                throw ApiException.badRequest("contacts[].vcard must be a vCard (BEGIN:VCARD ... END:VCARD)");
            }
            String name = contact.vcard().lines().filter(l -> l.startsWith("FN:")).findFirst()
                    .map(l -> l.substring(3)).orElse("contact");
            return new OutgoingMessage.ContactCard(name, contact.vcard());
        }
        String fullName = requireText(contact.fullName(), "contacts[].fullName");
        String phone = ChatIds.phoneDigits(contact.phoneNumber(), "contacts[].phoneNumber");
        return new OutgoingMessage.ContactCard(fullName, VCards.of(fullName, phone, contact.organization()));
    }

    /**
     * A poll's options as WhatsApp takes them: 2 to 12, none empty, no two alike. Public with the
     * other field checks so that each API surface can name its own field.
     */
    public static List<String> pollOptions(List<String> options, String field) {
        if (options == null || options.size() < 2 || options.size() > 12) {
            throw ApiException.badRequest(field + " must have 2 to 12 options");
        }
        if (options.stream().anyMatch(o -> o == null || o.isBlank())) {
            throw ApiException.badRequest(field + " must not be empty");
        }
        options.forEach(option -> Fields.limited(option, field + "[]", MAX_POLL_OPTION));
        if (options.stream().map(String::trim).distinct().count() != options.size()) {
            throw ApiException.badRequest(field + " must be distinct");
        }
        return options;
    }

    /** A message text: present, not blank, within WhatsApp's limit. */
    public static String requireText(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw ApiException.badRequest(field + " is longer than WhatsApp's limit of " + MAX_TEXT_LENGTH
                    + " characters");
        }
        return text;
    }

    /** A latitude ({@code bound} 90) or longitude (180); 0 is a coordinate like any other. */
    public static double coordinate(Double value, String field, int bound) {
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        if (value.isNaN() || value < -bound || value > bound) {
            throw ApiException.badRequest(field + " must be between -" + bound + " and " + bound);
        }
        return value;
    }

    /** A message id given by a client: well-formed (else 400) and a message of this session (else 404). */
    MessageKey existing(Session session, String serialized, String field) {
        return quoted(session, serialized, field).key();
    }

    private EngineMessage.Quoted quoted(Session session, String serialized, String field) {
        var key = MessageIds.parse(serialized, field);
        var message = store.find(session.id(), key.serialized()).orElseThrow(() -> ApiException.notFound(
                "message '" + serialized + "' not found in session '" + session.name() + "'"));
        return new EngineMessage.Quoted(key, message.body());
    }
}
