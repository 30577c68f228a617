package io.wagate.emulator.control;

/**
 * {@code POST /phones}: the number, whether WhatsApp addresses the account by its LID only (its messages come
 * LID-addressed, sends to its number are refused with 463), and whether a usync asking for the LID alone (the
 * LID mapping lookup) answers it (device-list queries always do).
 */
public record NewPhone(String number, boolean lidOnly, boolean lidLookup) {}
