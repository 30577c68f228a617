package io.wagate.account;

import java.time.Instant;

/** A tenant: owns API keys and sessions. */
public record Account(String id, String name, String plan, boolean admin, Instant createdAt) {}
