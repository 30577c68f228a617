package io.wagate.status;

import io.wagate.account.Principal;
import io.wagate.chat.ChatStore;
import io.wagate.engine.MessageKey;
import io.wagate.engine.StatusOperations;
import io.wagate.error.ApiException;
import io.wagate.error.Fields;
import io.wagate.ids.ChatId;
import io.wagate.ids.ChatIds;
import io.wagate.media.MediaIntake;
import io.wagate.message.MediaMessages;
import io.wagate.message.Message;
import io.wagate.message.MessageService;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Posting, deleting and listing statuses. Without {@code contacts} a status goes to every person the session has
 * a one-to-one chat with in its chat list (wagate's "all known contacts", the same on every engine). A status
 * lives {@link #LIFETIME}, as WhatsApp's do: the list leaves older ones out, and they can no longer be deleted.
 */
public final class StatusService {
    public static final Duration LIFETIME = Duration.ofHours(24);
    /** WhatsApp's default text-status background (WAHA's default too). */
    public static final String DEFAULT_BACKGROUND = "#38b42f";
    /** WhatsApp's text-status fonts (ExtendedTextMessage.FontType: SYSTEM 0 … COURIERPRIME_BOLD 10; 3–5 unused). */
    public static final java.util.Set<Integer> FONTS = java.util.Set.of(0, 1, 2, 6, 7, 8, 9, 10);
    /** What a caption or text status may hold. */
    public static final int MAX_TEXT = 700;
    public static final int MAX_RECIPIENTS = 10_000;
    private static final int PAGE = 1000;
    private static final Pattern COLOR = Pattern.compile("^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$");
    private static final Pattern BARE_ID = Pattern.compile("^[A-Za-z0-9]{4,64}$");
    /** Recipients of recent posts, for their deletion (which goes to the same people); bounded, newest kept. */
    private static final int REMEMBERED = 10_000;

    public enum Kind { IMAGE, VIDEO, VOICE }

    public record TextPost(String text, String backgroundColor, Integer font, List<String> contacts) {}

    /** {@code caption}: images and videos; {@code backgroundColor}: voice; {@code convert}: voice and video. */
    public record MediaPost(MediaIntake.FileInput file, String caption, String backgroundColor, Boolean convert,
                            List<String> contacts) {}

    private final SessionService sessions;
    private final MessageService messages;
    private final MediaMessages media;
    private final ChatStore chats;
    private final Clock clock;
    private final Map<String, List<ChatId>> recipientsOf = new LinkedHashMap<>();

    public StatusService(SessionService sessions, MessageService messages, MediaMessages media, ChatStore chats,
                         Clock clock) {
        this.sessions = sessions;
        this.messages = messages;
        this.media = media;
        this.chats = chats;
        this.clock = clock;
    }

    public Status postText(Principal principal, String sessionName, TextPost request) {
        var session = sessions.get(principal, sessionName);
        String text = Fields.requiredText(request.text(), "text", MAX_TEXT);
        String background = color(request.backgroundColor());
        int font = request.font() == null ? 0 : request.font();
        if (!FONTS.contains(font)) {
            throw ApiException.badRequest("font must be one of WhatsApp's fonts: 0, 1, 2, 6, 7, 8, 9 or 10");
        }
        var recipients = recipients(session, request.contacts());
        return post(session, new StatusOperations.Post.Text(text, background, font), recipients);
    }

    public Status postMedia(Principal principal, String sessionName, Kind kind, MediaPost request) {
        var session = sessions.get(principal, sessionName);
        if (request.file() == null) {
            throw ApiException.badRequest("file is required: {url} or {data} (base64)");
        }
        if (kind == Kind.VOICE && request.caption() != null) {
            throw ApiException.badRequest("caption is for image and video statuses");
        }
        if (kind != Kind.VOICE && request.backgroundColor() != null) {
            throw ApiException.badRequest("backgroundColor is for text and voice statuses");
        }
        Fields.limited(request.caption(), "caption", MAX_TEXT);
        String background = color(request.backgroundColor());
        var recipients = recipients(session, request.contacts());
        sessions.requireWorking(session);
        var sendKind = switch (kind) {
            case IMAGE -> MediaMessages.Kind.IMAGE;
            case VIDEO -> MediaMessages.Kind.VIDEO;
            case VOICE -> MediaMessages.Kind.VOICE;
        };
        return media.withFile(principal, sendKind, request.file(), Boolean.TRUE.equals(request.convert()),
                file -> post(session, switch (kind) {
                    case IMAGE -> new StatusOperations.Post.Image(file, request.caption());
                    case VIDEO -> new StatusOperations.Post.Video(file, request.caption());
                    case VOICE -> new StatusOperations.Post.Voice(file, background);
                }, recipients));
    }

    /** Deletes one of the session's own statuses: 404 when there is none by that id (or it expired), 403 for others'. */
    public void delete(Principal principal, String sessionName, String rawId) {
        var session = sessions.get(principal, sessionName);
        var key = ownKey(rawId);
        messages.stored(session, key)
                .filter(m -> !"revoked".equals(m.type()) && !expired(m))
                .orElseThrow(() -> ApiException.notFound("status '" + rawId + "' not found in session '"
                        + session.name() + "' (or older than 24 hours)"));
        List<ChatId> recipients;
        synchronized (recipientsOf) {
            recipients = recipientsOf.get(session.id() + " " + key.id());
        }
        var to = recipients != null ? recipients : knownContacts(session);
        sessions.runWithEngine(session, engine -> engine.statuses().delete(key, to));
        synchronized (recipientsOf) {
            recipientsOf.remove(session.id() + " " + key.id());
        }
    }

    /** Statuses of the last 24 hours, newest first: the session's own, and others' when it opted in. */
    public List<Status> list(Principal principal, String sessionName) {
        var session = sessions.get(principal, sessionName);
        boolean others = session.config().receivesStatuses();
        var shown = new ArrayList<Status>();
        for (int offset = 0; ; offset += PAGE) {
            var page = messages.stored(session, ChatId.STATUS, PAGE, offset);
            for (var message : page) {
                if (expired(message)) {
                    return shown;
                }
                if (!"revoked".equals(message.type()) && (message.fromMe() || others)) {
                    shown.add(Status.of(message));
                }
            }
            if (page.size() < PAGE) {
                return shown;
            }
        }
    }

    private Status post(Session session, StatusOperations.Post post, List<ChatId> recipients) {
        var sent = messages.sendThrough(session, (engine, handOver) -> engine.statuses().post(post, recipients,
                handOver));
        remember(session, sent, recipients);
        return Status.of(sent);
    }

    private void remember(Session session, Message sent, List<ChatId> recipients) {
        String id = sent.id().substring(sent.id().lastIndexOf('_') + 1);
        synchronized (recipientsOf) {
            recipientsOf.put(session.id() + " " + id, recipients);
            while (recipientsOf.size() > REMEMBERED) {
                recipientsOf.remove(recipientsOf.keySet().iterator().next());
            }
        }
    }

    /** The named people, or every known contact; 409 when there is nobody to post to. */
    private List<ChatId> recipients(Session session, List<String> contacts) {
        if (contacts != null) {
            if (contacts.isEmpty()) {
                throw ApiException.badRequest("contacts must name at least one person; leave it out for all contacts");
            }
            if (contacts.size() > MAX_RECIPIENTS) {
                throw ApiException.badRequest("contacts may name at most " + MAX_RECIPIENTS + " people");
            }
            var people = new ArrayList<ChatId>();
            for (String raw : contacts) {
                var id = ChatId.parse(raw, "contacts");
                if (!id.isPerson()) {
                    throw ApiException.badRequest("contacts must name people (<number>@c.us or <id>@lid), not " + id);
                }
                if (!people.contains(id)) {
                    people.add(id);
                }
            }
            return List.copyOf(people);
        }
        var all = knownContacts(session);
        if (all.isEmpty()) {
            throw ApiException.conflict("session '" + session.name() + "' has no contacts to post a status to "
                    + "(nobody in its chat list yet); name them in contacts");
        }
        return all;
    }

    /** Everyone the session has a one-to-one chat with, as its chat list has them. */
    private List<ChatId> knownContacts(Session session) {
        var people = new ArrayList<ChatId>();
        for (int offset = 0; people.size() < MAX_RECIPIENTS; offset += PAGE) {
            var page = chats.list(session.id(), Optional.empty(), ChatStore.SortBy.ID, false, PAGE, offset);
            page.stream().map(chat -> ChatId.of(chat.id())).filter(ChatId::isPerson).forEach(people::add);
            if (page.size() < PAGE) {
                break;
            }
        }
        return List.copyOf(people.subList(0, Math.min(people.size(), MAX_RECIPIENTS)));
    }

    private boolean expired(Message message) {
        return message.timestamp() + LIFETIME.toSeconds() <= clock.instant().getEpochSecond();
    }

    /** A status id as WAHA gives it (WhatsApp's id alone) or as wagate lists it ({@code true_status@broadcast_…}). */
    private static MessageKey ownKey(String raw) {
        String value = raw == null ? "" : raw.trim();
        String ownPrefix = "true_" + ChatId.STATUS.value() + "_";
        if (value.startsWith("false_" + ChatId.STATUS.value() + "_")) {
            throw ApiException.forbidden("status '" + ChatIds.abbreviate(value) + "' is someone else's: only its "
                    + "poster deletes a status");
        }
        String id = value.startsWith(ownPrefix) ? value.substring(ownPrefix.length()) : value;
        if (!BARE_ID.matcher(id).matches()) {
            throw ApiException.badRequest("id must be a status id like true_status@broadcast_3EB0C1A2B3 or "
                    + "3EB0C1A2B3; got '" + ChatIds.abbreviate(value) + "'");
        }
        return new MessageKey(ChatId.STATUS, true, id, Optional.empty());
    }

    private static String color(String raw) {
        if (raw == null) {
            return DEFAULT_BACKGROUND;
        }
        if (!COLOR.matcher(raw).matches()) {
            throw ApiException.badRequest("backgroundColor must be a colour like #38b42f (#RRGGBB or #AARRGGBB)");
        }
        return raw;
    }
}
