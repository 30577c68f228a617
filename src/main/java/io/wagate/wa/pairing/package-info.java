/**
 * Device linking from both ends: the pairing-code crypto (PBKDF2 of the code, AES-CTR-wrapped ephemeral keys,
 * the AES-GCM key bundle, the adv secret), the QR string, and the phone's signed ADV identity for
 * {@code pair-success} with the check of the companion's countersignature. As Baileys' Socket/socket.js,
 * Socket/messages-recv.js (link_code_companion_reg) and Utils/validate-connection.js expect them.
 */
package io.wagate.wa.pairing;
