package io.wagate.wa.binary;

import io.wagate.wa.WaProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes as Baileys' {@code decodeBinaryNode} does: the flags byte (bit 2 = zlib-compressed), then one node.
 * Strings are rebuilt the way Baileys rebuilds them, so an AD JID with device 0 reads back without ":0".
 */
public final class NodeDecoder {
    private final Tokens tokens;

    public NodeDecoder(Tokens tokens) {
        this.tokens = tokens;
    }

    public NodeDecoder() {
        this(Tokens.standard());
    }

    /** A whole frame payload: the flags byte, then the (maybe compressed) node. */
    public Node decode(byte[] frame) {
        if (frame.length == 0) {
            throw new WaProtocolException("end of stream");
        }
        byte[] body = (frame[0] & 2) != 0 ? inflate(frame) : Arrays.copyOfRange(frame, 1, frame.length);
        return decodeDecompressed(body);
    }

    /** A node without the flags byte. */
    public Node decodeDecompressed(byte[] body) {
        return new Reader(body).readNode();
    }

    private static byte[] inflate(byte[] frame) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(frame, 1, frame.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length * 4);
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new WaProtocolException("truncated compressed frame");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new WaProtocolException("bad compressed frame", e);
        } finally {
            inflater.end();
        }
    }

    private final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        private void need(int n) {
            if (pos + n > buf.length) {
                throw new WaProtocolException("end of stream");
            }
        }

        private int readByte() {
            need(1);
            return buf[pos++] & 0xff;
        }

        private byte[] readBytes(int n) {
            need(n);
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }

        private int readInt(int n) {
            need(n);
            int v = 0;
            for (int i = 0; i < n; i++) {
                v = v << 8 | (buf[pos++] & 0xff);
            }
            return v;
        }

        private int readInt20() {
            need(3);
            return ((buf[pos++] & 0x0f) << 16) | ((buf[pos++] & 0xff) << 8) | (buf[pos++] & 0xff);
        }

        private int readLength32() {
            int n = readInt(4);
            if (n < 0) {
                throw new WaProtocolException("end of stream");
            }
            return n;
        }

        Node readNode() {
            int listSize = readListSize(readByte());
            String header = readString(readByte());
            if (listSize == 0 || header.isEmpty()) {
                throw new WaProtocolException("invalid node");
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 0; i < (listSize - 1) >> 1; i++) {
                String key = readString(readByte());
                attrs.put(key, readString(readByte()));
            }
            Object content = null;
            if (listSize % 2 == 0) {
                int tag = readByte();
                content = switch (tag) {
                    case Tokens.LIST_EMPTY, Tokens.LIST_8, Tokens.LIST_16 -> readList(tag);
                    case Tokens.BINARY_8 -> readBytes(readByte());
                    case Tokens.BINARY_20 -> readBytes(readInt20());
                    case Tokens.BINARY_32 -> readBytes(readLength32());
                    default -> readString(tag);
                };
            }
            return new Node(header, attrs, content);
        }

        private List<Node> readList(int tag) {
            int size = readListSize(tag);
            List<Node> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(readNode());
            }
            return items;
        }

        private int readListSize(int tag) {
            return switch (tag) {
                case Tokens.LIST_EMPTY -> 0;
                case Tokens.LIST_8 -> readByte();
                case Tokens.LIST_16 -> readInt(2);
                default -> throw new WaProtocolException("invalid tag for list size: " + tag);
            };
        }

        private String readString(int tag) {
            if (tag >= 1 && tag < tokens.singleByte().size()) {
                return tokens.single(tag);
            }
            return switch (tag) {
                case 236, 237, 238, 239 -> tokens.doubleByte(tag - Tokens.DICTIONARY_0, readByte());
                case Tokens.LIST_EMPTY -> "";
                case Tokens.BINARY_8 -> utf8(readBytes(readByte()));
                case Tokens.BINARY_20 -> utf8(readBytes(readInt20()));
                case Tokens.BINARY_32 -> utf8(readBytes(readLength32()));
                case Tokens.JID_PAIR -> readJidPair();
                case Tokens.FB_JID -> readFbJid();
                case Tokens.INTEROP_JID -> readInteropJid();
                case Tokens.AD_JID -> readAdJid();
                case Tokens.HEX_8, Tokens.NIBBLE_8 -> readPacked(tag);
                default -> throw new WaProtocolException("invalid string with tag: " + tag);
            };
        }

        private String readJidPair() {
            String user = readString(readByte());
            String server = readString(readByte());
            if (server.isEmpty()) {
                throw new WaProtocolException("invalid jid pair: " + user + ", " + server);
            }
            return user + "@" + server;
        }

        private String readAdJid() {
            int domainType = readByte();
            int device = readByte();
            String user = readString(readByte());
            return Jid.of(user, device, Jid.serverOf(domainType)).toString();
        }

        private String readFbJid() {
            String user = readString(readByte());
            int device = readInt(2);
            String server = readString(readByte());
            return user + ":" + device + "@" + server;
        }

        private String readInteropJid() {
            String user = readString(readByte());
            int device = readInt(2);
            int integrator = readInt(2);
            String server = "interop";
            int before = pos;
            try {
                server = readString(readByte());
            } catch (WaProtocolException noServer) {
                pos = before;
            }
            return integrator + "-" + user + ":" + device + "@" + server;
        }

        private String readPacked(int tag) {
            int start = readByte();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < (start & 127); i++) {
                int b = readByte();
                sb.append(unpack(tag, b >> 4)).append(unpack(tag, b & 0x0f));
            }
            if (start >> 7 != 0) {
                sb.setLength(sb.length() - 1);
            }
            return sb.toString();
        }

        private char unpack(int tag, int v) {
            if (tag == Tokens.HEX_8) {
                return (char) (v < 10 ? '0' + v : 'A' + v - 10);
            }
            if (v <= 9) {
                return (char) ('0' + v);
            }
            return switch (v) {
                case 10 -> '-';
                case 11 -> '.';
                case 15 -> '\0';
                default -> throw new WaProtocolException("invalid nibble: " + v);
            };
        }
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
