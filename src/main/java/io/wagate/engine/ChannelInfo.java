package io.wagate.engine;

import java.util.Optional;

/** A WhatsApp channel (newsletter); {@code role} is the session's own: OWNER, ADMIN or SUBSCRIBER. */
public record ChannelInfo(String id, String name, String description, String role, long subscribers,
                          Optional<String> inviteLink) {}
