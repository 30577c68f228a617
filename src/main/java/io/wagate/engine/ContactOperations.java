package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.util.List;
import java.util.Optional;

/**
 * The account's view of other people through one session: their profile pictures and about texts, and the
 * account's block list. Contacts are phone-number ids ({@code <number>@c.us}) or LIDs. What a contact hides from
 * the account (its privacy settings, or because it blocked the account) is as absent as what it never set.
 * The contacts themselves come as {@link EngineEvent.ContactsUpdated}, as the engine learns of them.
 */
public interface ContactOperations {
    /** The URL of the contact's profile picture; empty when it has none or the account may not see it. */
    Optional<String> pictureUrl(ChatId contact);

    /** The image at {@code url}, a URL {@link #pictureUrl} gave for {@code contact}. */
    byte[] downloadPicture(ChatId contact, String url);

    /** The contact's about text and when it was set; empty when none is set or visible. */
    Optional<About> about(ChatId contact);

    record About(String text, Optional<java.time.Instant> setAt) {}

    /** Blocks ({@code blocked}) or unblocks the contact; idempotent, as on WhatsApp. */
    void setBlocked(ChatId contact, boolean blocked);

    /** Everyone the account blocked. */
    List<ChatId> blocklist();
}
