package io.wagate.emulator.stopgap;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Protobuf's wire format at field level: enough to read and write the few messages the emulator handles. */
public final class Proto {
    private final Map<Integer, List<Object>> fields;

    private Proto(Map<Integer, List<Object>> fields) {
        this.fields = fields;
    }

    public static Proto parse(byte[] b) {
        var fields = new HashMap<Integer, List<Object>>();
        int[] i = {0};
        while (i[0] < b.length) {
            long key = varint(b, i);
            int number = (int) (key >>> 3);
            Object value = switch ((int) (key & 7)) {
                case 0 -> varint(b, i);
                case 1 -> { i[0] += 8; yield 0L; }
                case 2 -> {
                    int n = (int) varint(b, i);
                    var v = java.util.Arrays.copyOfRange(b, i[0], i[0] + n);
                    i[0] += n;
                    yield v;
                }
                case 5 -> {
                    long v = (b[i[0]] & 0xffL) | (b[i[0] + 1] & 0xffL) << 8 | (b[i[0] + 2] & 0xffL) << 16 | (b[i[0] + 3] & 0xffL) << 24;
                    i[0] += 4;
                    yield v;
                }
                default -> throw new IllegalArgumentException("unsupported wire type in field " + number);
            };
            fields.computeIfAbsent(number, k -> new ArrayList<>()).add(value);
        }
        return new Proto(fields);
    }

    private static long varint(byte[] b, int[] i) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b[i[0]++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }

    public byte[] bytes(int number) {
        var values = fields.get(number);
        return values == null ? null : (byte[]) values.getFirst();
    }

    public Proto message(int number) {
        byte[] b = bytes(number);
        return b == null ? null : parse(b);
    }

    public Long number(int number) {
        var values = fields.get(number);
        return values == null ? null : (Long) values.getFirst();
    }

    public static Writer writer() {
        return new Writer();
    }

    /** Writes fields in the order given. */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Writer bytes(int number, byte[] value) {
            if (value != null) {
                key(number, 2);
                raw(value.length);
                out.writeBytes(value);
            }
            return this;
        }

        public Writer number(int number, long value) {
            key(number, 0);
            raw(value);
            return this;
        }

        private void key(int number, int type) {
            raw(((long) number << 3) | type);
        }

        private void raw(long v) {
            while ((v & ~0x7fL) != 0) {
                out.write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        public byte[] build() {
            return out.toByteArray();
        }
    }
}
