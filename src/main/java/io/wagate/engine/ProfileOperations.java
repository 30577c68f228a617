package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.util.Optional;

/**
 * The linked account's own profile (push name, about text, picture) and its privacy settings. A changed push
 * name is also reported as {@link EngineEvent.PushNameChanged}.
 */
public interface ProfileOperations {

    /** {@code pictureUrl}: where the picture can be fetched, empty when there is none. */
    record Profile(ChatId id, String name, String about, Optional<String> pictureUrl) {}

    /**
     * WhatsApp's privacy settings, by its own values: {@code all, contacts, contact_blacklist, none} for last seen,
     * profile photo and about; {@code all, match_last_seen} for online; {@code all, contacts, contact_blacklist} for
     * who may add the account to groups; {@code all, none} for read receipts. In a change, null leaves one as it is.
     */
    record Privacy(String lastSeen, String online, String profilePhoto, String about, String groupAdd,
                   String readReceipts) {}

    Profile get();

    void setName(String name);

    void setAbout(String about);

    /** {@code jpeg}: a JPEG of at most 640 pixels a side, as WhatsApp keeps profile pictures. */
    void setPicture(OutgoingMessage.MediaFile jpeg);

    void removePicture();

    Privacy privacy();

    /** Applies each non-null setting of {@code changes}; returns the settings as they are afterwards. */
    Privacy setPrivacy(Privacy changes);
}
