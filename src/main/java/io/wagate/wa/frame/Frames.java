package io.wagate.wa.frame;

import io.wagate.wa.WaProtocolException;

/** Writes frames: a 3-byte big-endian length, then the payload; the client's first one behind its intro header. */
public final class Frames {
    public static final int MAX_PAYLOAD = (1 << 24) - 1;

    private Frames() {
    }

    public static byte[] frame(byte[] payload) {
        return frame(null, payload);
    }

    /** {@code prefix} (the intro header, for a client's first frame) or null, then the framed payload. */
    public static byte[] frame(byte[] prefix, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new WaProtocolException("frame too large: " + payload.length);
        }
        int p = prefix == null ? 0 : prefix.length;
        byte[] out = new byte[p + 3 + payload.length];
        if (prefix != null) {
            System.arraycopy(prefix, 0, out, 0, p);
        }
        out[p] = (byte) (payload.length >> 16);
        out[p + 1] = (byte) (payload.length >> 8);
        out[p + 2] = (byte) payload.length;
        System.arraycopy(payload, 0, out, p + 3, payload.length);
        return out;
    }
}
