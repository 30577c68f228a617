package io.wagate.engine;

/** Why WhatsApp did not take a sent message: its error code ("463") and what it means. */
public record SendError(String code, String reason) {}
