package io.wagate.account;

import java.time.Instant;
import java.util.Optional;

/** What may be shown of a stored key: never the key itself, only its first characters. */
public record ApiKeyInfo(String id, String accountId, Optional<String> sessionId, String prefix, String label,
                         Instant createdAt, Optional<Instant> revokedAt) {}
