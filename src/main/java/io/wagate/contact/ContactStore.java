package io.wagate.contact;

import io.wagate.engine.EngineEvent;
import io.wagate.ids.ChatId;
import io.wagate.store.WriteQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The contacts table. Writes go through the {@link WriteQueue}; a report's missing parts keep what was stored. */
public final class ContactStore {
    public enum SortBy { ID, NAME }

    private static final String UPSERT = """
            INSERT INTO contacts (session_id, contact_id, name, push_name, lid, updated_at)
            VALUES (:sessionId, :contactId, :name, :pushName, :lid, :at)
            ON CONFLICT (session_id, contact_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, contacts.name),
                push_name = COALESCE(EXCLUDED.push_name, contacts.push_name),
                lid = COALESCE(EXCLUDED.lid, contacts.lid), updated_at = EXCLUDED.updated_at""";

    private static final String COLUMNS = "SELECT contact_id, name, push_name, lid FROM contacts WHERE session_id = :sessionId";

    private final Jdbi jdbi;
    private final WriteQueue writes;
    private final Clock clock;

    public ContactStore(Jdbi jdbi, WriteQueue writes, Clock clock) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.clock = clock;
    }

    public void upsert(String sessionId, List<EngineEvent.Contact> contacts) {
        if (contacts.isEmpty()) {
            return;
        }
        long at = clock.millis();
        writes.submit(h -> {
            var batch = h.prepareBatch(UPSERT);
            for (var contact : contacts) {
                batch.bind("sessionId", sessionId)
                        .bind("contactId", contact.id().value())
                        .bind("name", contact.name().filter(n -> !n.isBlank()).orElse(null))
                        .bind("pushName", contact.pushName().filter(n -> !n.isBlank()).orElse(null))
                        .bind("lid", contact.lid().map(ChatId::value).orElse(null))
                        .bind("at", at)
                        .add();
            }
            batch.execute();
        });
    }

    /** A page of contacts; by name means the saved name, else the push name, those without either last. */
    public List<Contact> list(String sessionId, SortBy sortBy, boolean descending, int limit, int offset) {
        String direction = descending ? " DESC" : " ASC";
        String order = switch (sortBy) {
            case ID -> "contact_id" + direction;
            case NAME -> "CASE WHEN COALESCE(name, push_name) IS NULL THEN 1 ELSE 0 END, COALESCE(name, push_name)"
                    + direction + ", contact_id";
        };
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .bind("sessionId", sessionId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> contact(rs))
                .list());
    }

    /** The contact by its id or its LID. */
    public Optional<Contact> find(String sessionId, ChatId id) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + " AND (contact_id = :id OR lid = :id) "
                        + "ORDER BY CASE WHEN contact_id = :id THEN 0 ELSE 1 END LIMIT 1")
                .bind("sessionId", sessionId)
                .bind("id", id.value())
                .map((rs, ctx) -> contact(rs))
                .findOne());
    }

    /** Contacts whose name, push name or number contains {@code text} (case-insensitive), by name. */
    public List<Contact> search(String sessionId, String text, int limit) {
        // '!' escapes, not a backslash: JDBI's parser reads a backslash in a literal as escaping the quote
        String pattern = "%" + text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_")
                + "%";
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + """
                         AND (LOWER(COALESCE(name, '')) LIKE :p ESCAPE '!' OR LOWER(COALESCE(push_name, '')) LIKE :p ESCAPE '!'
                             OR contact_id LIKE :p ESCAPE '!')
                        ORDER BY CASE WHEN COALESCE(name, push_name) IS NULL THEN 1 ELSE 0 END, COALESCE(name, push_name),
                            contact_id LIMIT :limit""")
                .bind("sessionId", sessionId)
                .bind("p", pattern)
                .bind("limit", limit)
                .map((rs, ctx) -> contact(rs))
                .list());
    }

    private static Contact contact(ResultSet rs) throws SQLException {
        String id = rs.getString("contact_id");
        String number = id.endsWith("@c.us") ? id.substring(0, id.length() - "@c.us".length()) : null;
        return new Contact(id, number, rs.getString("name"), rs.getString("push_name"), rs.getString("lid"));
    }
}
