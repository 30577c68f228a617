package io.wagate.engine;

import io.wagate.ids.ChatId;

/**
 * WhatsApp Business labels through one session. Labels are the account's (synced between its devices as app
 * state), so each change is reported back as the events every device hears: {@link EngineEvent.LabelUpserted},
 * {@link EngineEvent.LabelDeleted}, {@link EngineEvent.LabelChat}. An account that is not a business account
 * has none ({@link EngineException.Reason#REFUSED}).
 */
public interface LabelOperations {
    /** Creates the label, or renames and recolours it; the caller picks a new label's id, as WhatsApp's apps do. */
    void upsert(EngineEvent.Label label);

    void delete(EngineEvent.Label label);

    /** Puts the label on the chat, or takes it off. */
    void labelChat(ChatId chatId, String labelId, boolean added);
}
