package io.wagate.engine;

import io.wagate.ids.ChatId;
import java.time.Instant;
import java.util.Optional;

/**
 * A WhatsApp channel (newsletter); {@code role} is the session's own: OWNER, ADMIN, SUBSCRIBER,
 * or GUEST when it neither owns nor follows the channel.
 */
public record ChannelInfo(ChatId id, String name, String description, String role, long subscribers,
                          Optional<String> inviteLink, Instant createdAt) {}
