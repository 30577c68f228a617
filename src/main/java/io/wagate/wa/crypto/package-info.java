/**
 * The primitives the protocol uses, from the JDK where it has them: X25519 key pairs and agreement, HKDF-SHA256,
 * AES-GCM/CTR, HMAC, PBKDF2; and what it lacks: XEdDSA signatures with Montgomery keys (as libsignal signs) and the
 * ADV identity signatures of device linking.
 */
package io.wagate.wa.crypto;
