package io.wagate.engine;

import io.wagate.ids.ChatId;
/** The linked account: {@code id} is {@code <number>@c.us}; {@code lid} is WhatsApp's hidden id when known. */
public record Me(ChatId id, String pushName, ChatId lid) {}
