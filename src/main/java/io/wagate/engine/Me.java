package io.wagate.engine;

import io.wagate.ids.ChatId;

/**
 * The linked account: {@code id} is {@code <number>@c.us}; {@code lid} is WhatsApp's hidden id when known;
 * {@code restrictions} what WhatsApp restricts it in, null while nothing is known.
 */
public record Me(ChatId id, String pushName, ChatId lid, Restrictions restrictions) {
    public Me(ChatId id, String pushName, ChatId lid) {
        this(id, pushName, lid, null);
    }
}
