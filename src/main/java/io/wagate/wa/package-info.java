/**
 * WhatsApp's multi-device protocol, in layers that each stand alone (as whatsmeow arranges them): {@code binary}
 * (the node format), {@code frame} (WebSocket payload framing), {@code noise} (the Noise XX handshake and transport
 * cipher), {@code proto} (the protobuf subset), {@code crypto} (Curve25519, XEdDSA, ADV signatures) and
 * {@code pairing} (the pairing-code crypto) and {@code socket} (a server connection's whole stack). Both a server (the emulator) and a client can be built on them; every
 * layer is checked byte for byte against Baileys' own functions in the tests.
 */
package io.wagate.wa;
