/**
 * STOPGAP: protocol pieces the emulator was written on before the protocol layer ({@code io.wagate.wa.*})
 * landed: a binary-node codec, a protobuf field reader/writer and the Noise responder. Its keys and
 * signatures already come from {@code io.wagate.wa.crypto}; the rest is to be replaced by that layer's
 * NodeEncoder/NodeDecoder, generated protobuf and ServerConnection. Nothing outside the emulator may use it.
 */
package io.wagate.emulator.stopgap;
