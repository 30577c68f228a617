package io.wagate.account;

/** A freshly made key: {@code secret} is the only copy and is handed to the caller once. */
public record IssuedKey(ApiKeyInfo info, String secret) {}
