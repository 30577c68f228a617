package io.wagate.engine;

/**
 * The linked account: {@code id} is {@code <number>@c.us}; {@code lid} is WhatsApp's hidden id when known;
 * {@code restrictions} what WhatsApp restricts it in, null while nothing is known.
 */
public record Me(String id, String pushName, String lid, Restrictions restrictions) {
    public Me(String id, String pushName, String lid) {
        this(id, pushName, lid, null);
    }
}
