package io.wagate.contact;

import io.wagate.account.Principal;
import io.wagate.engine.ContactOperations;
import io.wagate.engine.EngineEvent;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatId;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.tika.Tika;

/**
 * A session's contacts: who it knows (kept as its engine reports them, {@link EngineEvent.ContactsUpdated}), their
 * pictures and about texts (asked of WhatsApp each time; the images cached), and the account's block list.
 */
public final class ContactBook implements SessionService.SessionEventListener {
    public static final int MAX_PAGE = 1000;
    private static final int CACHED_PICTURES = 500;
    private static final long CACHED_BYTES = 32L * 1024 * 1024;

    private final ContactStore store;
    private final SessionService sessions;
    private final PictureCache pictures = new PictureCache(CACHED_PICTURES, CACHED_BYTES);
    private final Tika types = new Tika();

    public ContactBook(ContactStore store, SessionService sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    public record ListQuery(int limit, int offset, String sortBy, String sortOrder) {}

    /** WAHA's shape of a picture URL answer. */
    public record PictureUrl(String profilePictureURL) {}

    /** The image and its media type. */
    public record Picture(byte[] image, String mimetype) {}

    /** WAHA's shape of an about answer. */
    public record About(String id, String about) {}

    public record Blocked(String id, boolean blocked) {}

    public List<Contact> list(Principal principal, String sessionName, ListQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        if (query.offset() < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        var sortBy = switch (query.sortBy() == null ? "id" : query.sortBy()) {
            case "id" -> ContactStore.SortBy.ID;
            case "name" -> ContactStore.SortBy.NAME;
            default -> throw ApiException.badRequest("sortBy must be id or name");
        };
        boolean descending = switch (query.sortOrder() == null ? "asc" : query.sortOrder().toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw ApiException.badRequest("sortOrder must be asc or desc");
        };
        return store.list(sessions.get(principal, sessionName).id(), sortBy, descending, query.limit(), query.offset());
    }

    /** Contacts whose name, push name or number contains {@code text}. */
    public List<Contact> search(Principal principal, String sessionName, String text, int limit) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("query must not be empty");
        }
        return store.search(sessions.get(principal, sessionName).id(), text.strip(), Math.clamp(limit, 1, MAX_PAGE));
    }

    public Contact get(Principal principal, String sessionName, String rawContactId) {
        var session = sessions.get(principal, sessionName);
        var id = person(rawContactId);
        return store.find(session.id(), id)
                .orElseThrow(() -> ApiException.notFound(id + " is not among the contacts of " + sessionName));
    }

    public PictureUrl pictureUrl(Principal principal, String sessionName, String rawContactId) {
        var session = sessions.get(principal, sessionName);
        var id = person(rawContactId);
        return new PictureUrl(url(session, id));
    }

    public Picture picture(Principal principal, String sessionName, String rawContactId) {
        var session = sessions.get(principal, sessionName);
        var id = person(rawContactId);
        String url = url(session, id);
        var key = new PictureCache.Key(session.id(), url);
        byte[] image = pictures.get(key).orElseGet(() -> {
            byte[] fetched = withContacts(session, contacts -> contacts.downloadPicture(id, url));
            pictures.put(key, fetched);
            return fetched;
        });
        return new Picture(image, types.detect(image));
    }

    public About about(Principal principal, String sessionName, String rawContactId) {
        var session = sessions.get(principal, sessionName);
        var id = person(rawContactId);
        return withContacts(session, contacts -> contacts.about(id))
                .map(about -> new About(id.value(), about.text()))
                .orElseThrow(() -> ApiException.notFound(id + " has no about text, or does not show it to you"));
    }

    public Blocked setBlocked(Principal principal, String sessionName, String rawContactId, boolean blocked) {
        var session = sessions.get(principal, sessionName);
        var id = person(rawContactId);
        sessions.runWithEngine(session, engine -> engine.contacts().setBlocked(id, blocked));
        return new Blocked(id.value(), blocked);
    }

    public List<String> blocklist(Principal principal, String sessionName) {
        var session = sessions.get(principal, sessionName);
        return withContacts(session, ContactOperations::blocklist).stream().map(ChatId::value).toList();
    }

    @Override
    public void onEvent(String sessionId, EngineEvent event) {
        if (event instanceof EngineEvent.ContactsUpdated updated) {
            store.upsert(sessionId, updated.contacts());
        }
    }

    private String url(Session session, ChatId id) {
        return withContacts(session, contacts -> contacts.pictureUrl(id))
                .orElseThrow(() -> ApiException.notFound(id + " has no profile picture, or does not show it to you"));
    }

    private <T> T withContacts(Session session, Function<ContactOperations, T> command) {
        return sessions.withEngine(session, engine -> command.apply(engine.contacts()));
    }

    /** A phone number, a phone-number id or a LID; not a group or channel. */
    private static ChatId person(String raw) {
        var id = ChatId.parse(raw, "contactId");
        if (!id.isPerson()) {
            throw ApiException.badRequest("contactId must name a person (<number>@c.us or <id>@lid), not " + id);
        }
        return id;
    }
}
