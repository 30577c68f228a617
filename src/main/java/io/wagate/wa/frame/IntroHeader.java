package io.wagate.wa.frame;

import java.util.Arrays;

/**
 * The bytes a client sends before its first frame, as Baileys' noise handler builds them. The plain header also
 * serves as the Noise prologue; the routing info (from the server's {@code edge_routing} node) is not part of it.
 */
public final class IntroHeader {
    public static final int DICT_VERSION = 3;
    private static final byte[] WA_HEADER = {'W', 'A', 6, DICT_VERSION};

    private IntroHeader() {
    }

    /** {@code WA}, 6, dictionary version: the Noise prologue. */
    public static byte[] noiseHeader() {
        return WA_HEADER.clone();
    }

    /** What a client sends first: {@code ED 0 1 len24 routingInfo} then the WA header, or just the WA header. */
    public static byte[] forClient(byte[] routingInfo) {
        if (routingInfo == null) {
            return noiseHeader();
        }
        byte[] out = new byte[7 + routingInfo.length + WA_HEADER.length];
        out[0] = 'E';
        out[1] = 'D';
        out[2] = 0;
        out[3] = 1;
        out[4] = (byte) (routingInfo.length >> 16);
        out[5] = (byte) (routingInfo.length >> 8);
        out[6] = (byte) routingInfo.length;
        System.arraycopy(routingInfo, 0, out, 7, routingInfo.length);
        System.arraycopy(WA_HEADER, 0, out, 7 + routingInfo.length, WA_HEADER.length);
        return out;
    }

    /** The header a server read: the routing info (null when absent) and the 4-byte WA header. */
    public record Parsed(byte[] routingInfo, byte[] header) {
        public int dictVersion() {
            return header[3] & 0xff;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Parsed p && Arrays.equals(routingInfo, p.routingInfo) && Arrays.equals(header, p.header);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(routingInfo) + Arrays.hashCode(header);
        }

        @Override
        public String toString() {
            return "IntroHeader[routingInfo=" + (routingInfo == null ? "none" : routingInfo.length + " bytes")
                    + ", version=" + (header[2] & 0xff) + "/" + dictVersion() + "]";
        }
    }
}
