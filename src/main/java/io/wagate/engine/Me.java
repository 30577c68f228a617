package io.wagate.engine;

/** The linked account: {@code id} is {@code <number>@c.us}; {@code lid} is WhatsApp's hidden id when known. */
public record Me(String id, String pushName, String lid) {}
