package io.wagate.emulator.stopgap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.zip.InflaterInputStream;

/**
 * Reads WhatsApp's binary nodes (tokens, packed nibbles/hex, JID pairs, AD JIDs) and writes them with raw
 * strings only, which every reader accepts.
 */
public final class NodeCodec {
    private static final int LIST_EMPTY = 0, DICTIONARY_0 = 236, DICTIONARY_3 = 239, INTEROP_JID = 245,
            FB_JID = 246, AD_JID = 247, LIST_8 = 248, LIST_16 = 249, JID_PAIR = 250, HEX_8 = 251,
            BINARY_8 = 252, BINARY_20 = 253, BINARY_32 = 254, NIBBLE_8 = 255;
    private static final String[] SINGLE;
    private static final String[][] DOUBLE = new String[4][];

    static {
        List<List<String>> sections = new ArrayList<>();
        sections.add(new ArrayList<>());
        try (InputStream in = NodeCodec.class.getResourceAsStream("tokens.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.equals("#dict")) {
                    sections.add(new ArrayList<>());
                } else {
                    sections.getLast().add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SINGLE = sections.get(0).toArray(String[]::new);
        for (int i = 0; i < 4; i++) {
            DOUBLE[i] = sections.get(i + 1).toArray(String[]::new);
        }
    }

    private NodeCodec() {}

    /** Decodes a decrypted frame: its first byte says whether the rest is deflated. */
    public static Node decodeFrame(byte[] frame) {
        byte[] body;
        if ((frame[0] & 2) != 0) {
            try (var in = new InflaterInputStream(new java.io.ByteArrayInputStream(frame, 1, frame.length - 1))) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalArgumentException("bad deflated node", e);
            }
        } else {
            body = java.util.Arrays.copyOfRange(frame, 1, frame.length);
        }
        return new Reader(body).node();
    }

    /** Encodes a node with the leading uncompressed flag byte. */
    public static byte[] encodeFrame(Node node) {
        var out = new ByteArrayOutputStream();
        out.write(0);
        write(node, out);
        return out.toByteArray();
    }

    private static final class Reader {
        private final byte[] b;
        private int i;

        Reader(byte[] b) {
            this.b = b;
        }

        int u8() {
            if (i >= b.length) {
                throw new IllegalArgumentException("end of stream");
            }
            return b[i++] & 0xff;
        }

        int intN(int n) {
            int v = 0;
            for (int k = 0; k < n; k++) {
                v = (v << 8) | u8();
            }
            return v;
        }

        byte[] bytes(int n) {
            if (i + n > b.length) {
                throw new IllegalArgumentException("end of stream");
            }
            var out = java.util.Arrays.copyOfRange(b, i, i + n);
            i += n;
            return out;
        }

        int int20() {
            return ((u8() & 15) << 16) | (u8() << 8) | u8();
        }

        int listSize(int tag) {
            return switch (tag) {
                case LIST_EMPTY -> 0;
                case LIST_8 -> u8();
                case LIST_16 -> intN(2);
                default -> throw new IllegalArgumentException("invalid list tag " + tag);
            };
        }

        String string(int tag) {
            if (tag >= 1 && tag < SINGLE.length) {
                return SINGLE[tag];
            }
            return switch (tag) {
                case DICTIONARY_0, DICTIONARY_0 + 1, DICTIONARY_0 + 2, DICTIONARY_3 -> DOUBLE[tag - DICTIONARY_0][u8()];
                case LIST_EMPTY -> null;
                case BINARY_8 -> utf8(bytes(u8()));
                case BINARY_20 -> utf8(bytes(int20()));
                case BINARY_32 -> utf8(bytes(intN(4)));
                case JID_PAIR -> {
                    String user = string(u8());
                    String server = string(u8());
                    yield (user == null ? "" : user) + "@" + server;
                }
                case AD_JID -> {
                    int domain = u8();
                    int device = u8();
                    String user = string(u8());
                    String server = switch (domain) {
                        case 1 -> "lid";
                        case 128 -> "hosted";
                        case 129 -> "hosted.lid";
                        default -> "s.whatsapp.net";
                    };
                    yield user + (device == 0 ? "" : ":" + device) + "@" + server;
                }
                case FB_JID -> {
                    String user = string(u8());
                    int device = intN(2);
                    yield user + ":" + device + "@" + string(u8());
                }
                case INTEROP_JID -> {
                    String user = string(u8());
                    int device = intN(2);
                    int integrator = intN(2);
                    yield integrator + "-" + user + ":" + device + "@" + string(u8());
                }
                case HEX_8, NIBBLE_8 -> packed(tag);
                default -> throw new IllegalArgumentException("invalid string tag " + tag);
            };
        }

        String packed(int tag) {
            int start = u8();
            var sb = new StringBuilder();
            for (int k = 0; k < (start & 127); k++) {
                int v = u8();
                sb.append(unpack(tag, v >> 4)).append(unpack(tag, v & 15));
            }
            if ((start >> 7) != 0) {
                sb.setLength(sb.length() - 1);
            }
            return sb.toString();
        }

        static char unpack(int tag, int v) {
            if (tag == HEX_8) {
                return v < 10 ? (char) ('0' + v) : (char) ('A' + v - 10);
            }
            return switch (v) {
                case 10 -> '-';
                case 11 -> '.';
                case 15 -> '\0';
                default -> (char) ('0' + v);
            };
        }

        Node node() {
            int size = listSize(u8());
            String tag = string(u8());
            if (size == 0 || tag == null || tag.isEmpty()) {
                throw new IllegalArgumentException("invalid node");
            }
            var attrs = new LinkedHashMap<String, String>();
            for (int k = 0; k < (size - 1) >> 1; k++) {
                String key = string(u8());
                String value = string(u8());
                attrs.put(key, value == null ? "" : value);
            }
            Object content = null;
            if (size % 2 == 0) {
                int t = u8();
                if (t == LIST_EMPTY || t == LIST_8 || t == LIST_16) {
                    int n = listSize(t);
                    var children = new ArrayList<Node>(n);
                    for (int k = 0; k < n; k++) {
                        children.add(node());
                    }
                    content = children;
                } else {
                    content = switch (t) {
                        case BINARY_8 -> bytes(u8());
                        case BINARY_20 -> bytes(int20());
                        case BINARY_32 -> bytes(intN(4));
                        default -> string(t);
                    };
                }
            }
            return new Node(tag, attrs, content);
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void write(Node node, ByteArrayOutputStream out) {
        int size = 1 + 2 * node.attrs().size() + (node.content() == null ? 0 : 1);
        listStart(size, out);
        raw(node.tag().getBytes(StandardCharsets.UTF_8), out);
        node.attrs().forEach((k, v) -> {
            raw(k.getBytes(StandardCharsets.UTF_8), out);
            raw(v.getBytes(StandardCharsets.UTF_8), out);
        });
        switch (node.content()) {
            case null -> { }
            case byte[] bytes -> raw(bytes, out);
            case String s -> raw(s.getBytes(StandardCharsets.UTF_8), out);
            case List<?> children -> {
                listStart(children.size(), out);
                children.forEach(child -> write((Node) child, out));
            }
            default -> throw new IllegalArgumentException("bad content " + node.content().getClass());
        }
    }

    private static void listStart(int size, ByteArrayOutputStream out) {
        if (size == 0) {
            out.write(LIST_EMPTY);
        } else if (size < 256) {
            out.write(LIST_8);
            out.write(size);
        } else {
            out.write(LIST_16);
            out.write(size >> 8);
            out.write(size);
        }
    }

    private static void raw(byte[] bytes, ByteArrayOutputStream out) {
        int n = bytes.length;
        if (n >= 1 << 20) {
            out.write(BINARY_32);
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        } else if (n >= 256) {
            out.write(BINARY_20);
            out.write((n >> 16) & 15);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(BINARY_8);
            out.write(n);
        }
        out.writeBytes(bytes);
    }
}
