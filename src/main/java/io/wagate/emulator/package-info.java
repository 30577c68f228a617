/**
 * A local stand-in for WhatsApp's servers, on loopback, that the unmodified Baileys links to, logs in to and
 * messages through: what lets the real engine run end to end in tests. It is in the jar so that
 * {@code ./wagate emulator} can run it, but wagate never starts it itself. Built on the protocol layer
 * ({@code io.wagate.wa}); what it serves is listed in the README ("Development").
 */
package io.wagate.emulator;
