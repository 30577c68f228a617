/**
 * STOPGAP: the smallest protocol pieces the emulator needed before the protocol layer ({@code io.wagate.wa.*})
 * landed: a binary-node codec, a protobuf field reader/writer and the Noise responder. To be replaced by
 * that layer; nothing outside the emulator may use this package.
 */
package io.wagate.emulator.stopgap;
