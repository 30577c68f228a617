package io.wagate.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A chat as wagate names it everywhere inside: {@code <digits>@c.us} for a person by phone number,
 * {@code <id>@lid} for a person by LID, {@code <id>@g.us} for a group, {@code <id>@newsletter} for a channel, and
 * {@link #STATUS} for statuses (stories). Clients never name {@code status@broadcast} as a chat: {@link #parse}
 * refuses it; statuses have routes of their own.
 * Only canonical values can be constructed, so code holding a {@code ChatId} never re-checks or re-normalizes it:
 * client input goes through {@link #parse}, values from the store or an engine through {@link #of}.
 */
public record ChatId(String value) implements Comparable<ChatId> {
    private static final Pattern CANONICAL = Pattern.compile(
            "^([0-9]{7,15}@c\\.us|[0-9]{5,30}(-[0-9]{5,20})?@g\\.us|[0-9]{5,30}@newsletter|[0-9]{5,30}@lid|status@broadcast)$");

    /** Where WhatsApp's statuses (stories) are posted to and received from. */
    public static final ChatId STATUS = new ChatId("status@broadcast");

    public ChatId {
        Objects.requireNonNull(value, "value");
        if (!CANONICAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a canonical chat id: '" + ChatIds.abbreviate(value) + "'");
        }
    }

    /** A client's chat id (a phone number in any usual spelling, or any id form); a 400 naming the field if bad. */
    public static ChatId parse(String raw, String field) {
        return new ChatId(ChatIds.normalize(raw, field));
    }

    /** A group id as a client gives it: {@code <id>@g.us} or just the id; a 400 naming the field if bad. */
    public static ChatId group(String raw, String field) {
        return new ChatId(ChatIds.groupId(raw, field));
    }

    /** A channel id as a client gives it: {@code <id>@newsletter} or just the id; a 400 naming the field if bad. */
    public static ChatId channel(String raw, String field) {
        return new ChatId(ChatIds.channelId(raw, field));
    }

    /** A person named by phone number (in any usual spelling, or {@code <number>@c.us}); others are a 400. */
    public static ChatId person(String raw, String field) {
        return new ChatId(ChatIds.personId(raw, field));
    }

    /**
     * A value that is canonical already (read from the store, mapped by an engine). {@code @s.whatsapp.net} is
     * read as {@code @c.us}; anything else not canonical is a programming error.
     */
    @JsonCreator
    public static ChatId of(String canonical) {
        Objects.requireNonNull(canonical, "canonical");
        return new ChatId(canonical.endsWith("@s.whatsapp.net")
                ? canonical.substring(0, canonical.length() - "@s.whatsapp.net".length()) + "@c.us"
                : canonical);
    }

    /** A person's chat by phone number (digits with country code). */
    public static ChatId ofPhone(String digits) {
        return new ChatId(digits + "@c.us");
    }

    public boolean isGroup() {
        return value.endsWith("@g.us");
    }

    public boolean isChannel() {
        return value.endsWith("@newsletter");
    }

    /** The statuses (stories) pseudo-chat, {@link #STATUS}. */
    public boolean isStatus() {
        return equals(STATUS);
    }

    public boolean isLid() {
        return value.endsWith("@lid");
    }

    /** A one-to-one chat: named by phone number or by LID. */
    public boolean isPerson() {
        return value.endsWith("@c.us") || isLid();
    }

    /** The phone digits of a chat named by phone number; empty for LIDs, groups and channels. */
    public Optional<String> phone() {
        return value.endsWith("@c.us") ? Optional.of(value.substring(0, value.length() - "@c.us".length()))
                : Optional.empty();
    }

    @Override
    public int compareTo(ChatId other) {
        return value.compareTo(other.value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
