package io.wagate.engine.sandbox;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineListener;
import io.wagate.ids.ChatId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contacts one sandbox phone reports: at linking its address book (the built-in contacts, saved by name, as a
 * history sync brings a phone's contacts), and each person it first writes to or hears from in a 1:1 chat, known
 * by their push name. Used under the session's lock.
 */
final class SandboxAddressBook {
    private final Set<String> reported = new HashSet<>();

    /** The session linked: its phone's saved contacts. */
    void linked(EngineListener listener) {
        reported.clear();
        var book = SandboxContacts.addressBook();
        book.forEach(contact -> reported.add(contact.id().phone().orElseThrow()));
        listener.onEvent(new EngineEvent.ContactsUpdated(book));
    }

    /** A message to or from {@code chatId}: a person not reported yet is reported now. */
    void met(ChatId chatId, EngineListener listener) {
        if (chatId.isGroup() || chatId.isChannel() || chatId.isLid()) {
            return;
        }
        chatId.phone().filter(reported::add)
                .ifPresent(number -> listener.onEvent(new EngineEvent.ContactsUpdated(List.of(SandboxContacts.met(number)))));
    }
}
