/**
 * WhatsApp's binary XML-like node format: {@link io.wagate.wa.binary.Node}, {@link io.wagate.wa.binary.Jid} and an
 * encoder and decoder that agree byte for byte with Baileys' {@code encodeBinaryNode} / {@code decodeBinaryNode}
 * (token dictionaries, nibble and hex packing, JID pairs, AD JIDs, lists, the leading flags byte, zlib frames).
 */
package io.wagate.wa.binary;
