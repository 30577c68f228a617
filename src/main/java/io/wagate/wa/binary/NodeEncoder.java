package io.wagate.wa.binary;

import io.wagate.wa.WaProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes nodes as Baileys' {@code encodeBinaryNode} does, byte for byte: a leading flags byte 0 (never
 * compressed), then the node. Strings go out as a token, packed nibbles or hex, a JID (any string with an '@', as
 * jidDecode parses it) or raw UTF-8, tried in that order.
 */
public final class NodeEncoder {
    private final Tokens tokens;

    public NodeEncoder(Tokens tokens) {
        this.tokens = tokens;
    }

    public NodeEncoder() {
        this(Tokens.standard());
    }

    public byte[] encode(Node node) {
        Out out = new Out();
        out.write(0);
        writeNode(node, out);
        return out.toByteArray();
    }

    private void writeNode(Node node, Out out) {
        if (node.tag().isEmpty()) {
            throw new WaProtocolException("Invalid node: tag cannot be empty");
        }
        Map<String, String> attrs = node.attrs();
        Object content = node.content();
        writeListStart(2 * attrs.size() + 1 + (content != null ? 1 : 0), out);
        writeString(node.tag(), out);
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            writeString(e.getKey(), out);
            writeString(e.getValue(), out);
        }
        switch (content) {
            case null -> { }
            case String s -> writeString(s, out);
            case byte[] b -> {
                writeByteLength(b.length, out);
                out.write(b, 0, b.length);
            }
            case List<?> list -> {
                writeListStart(list.size(), out);
                for (Object child : list) {
                    writeNode((Node) child, out);
                }
            }
            default -> throw new WaProtocolException("invalid content of <" + node.tag() + ">");
        }
    }

    private void writeByteLength(long length, Out out) {
        if (length >= 1L << 32) {
            throw new WaProtocolException("string too large to encode: " + length);
        }
        if (length >= 1 << 20) {
            out.write(Tokens.BINARY_32);
            out.writeInt((int) length, 4);
        } else if (length >= 256) {
            out.write(Tokens.BINARY_20);
            out.write((int) ((length >> 16) & 0x0f));
            out.writeInt((int) length, 2);
        } else {
            out.write(Tokens.BINARY_8);
            out.write((int) length);
        }
    }

    private void writeStringRaw(String s, Out out) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeByteLength(bytes.length, out);
        out.write(bytes, 0, bytes.length);
    }

    void writeString(String s, Out out) {
        if (s == null) {
            out.write(Tokens.LIST_EMPTY);
            return;
        }
        if (s.isEmpty()) {
            writeStringRaw(s, out);
            return;
        }
        Tokens.Index token = tokens.indexOf(s);
        if (token != null) {
            if (token.dict() >= 0) {
                out.write(Tokens.DICTIONARY_0 + token.dict());
            }
            out.write(token.index());
        } else if (isPackable(s, false)) {
            writePacked(s, Tokens.NIBBLE_8, out);
        } else if (isPackable(s, true)) {
            writePacked(s, Tokens.HEX_8, out);
        } else {
            Jid jid = Jid.parse(s);
            if (jid != null) {
                writeJid(jid, out);
            } else {
                writeStringRaw(s, out);
            }
        }
    }

    private void writeJid(Jid jid, Out out) {
        if (jid.hasDevice()) {
            out.write(Tokens.AD_JID);
            out.write(jid.domainType());
            out.write(jid.device());
            writeString(jid.user(), out);
        } else {
            out.write(Tokens.JID_PAIR);
            if (!jid.user().isEmpty()) {
                writeString(jid.user(), out);
            } else {
                out.write(Tokens.LIST_EMPTY);
            }
            writeString(jid.server(), out);
        }
    }

    /** Nibbles: digits, '-' and '.'; hex: digits and upper-case A-F (Baileys packs no lower case). */
    private static boolean isPackable(String s, boolean hex) {
        if (s.length() > Tokens.PACKED_MAX) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (hex ? c >= 'A' && c <= 'F' : c == '-' || c == '.');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void writePacked(String s, int type, Out out) {
        out.write(type);
        int rounded = (s.length() + 1) / 2;
        if (s.length() % 2 != 0) {
            rounded |= 128;
        }
        out.write(rounded);
        for (int i = 0; i + 1 < s.length(); i += 2) {
            out.write(pack(s.charAt(i), type) << 4 | pack(s.charAt(i + 1), type));
        }
        if (s.length() % 2 != 0) {
            out.write(pack(s.charAt(s.length() - 1), type) << 4 | 15);
        }
    }

    private static int pack(char c, int type) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (type == Tokens.NIBBLE_8) {
            return c == '-' ? 10 : 11;
        }
        return 10 + c - 'A';
    }

    private static void writeListStart(int size, Out out) {
        if (size == 0) {
            out.write(Tokens.LIST_EMPTY);
        } else if (size < 256) {
            out.write(Tokens.LIST_8);
            out.write(size);
        } else {
            out.write(Tokens.LIST_16);
            out.writeInt(size, 2);
        }
    }

    /** A growing buffer; {@code write} keeps the low byte as Baileys' pushByte does. */
    static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        void writeInt(int value, int n) {
            for (int i = n - 1; i >= 0; i--) {
                write((value >>> (i * 8)) & 0xff);
            }
        }
    }
}
