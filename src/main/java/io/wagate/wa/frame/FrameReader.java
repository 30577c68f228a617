package io.wagate.wa.frame;

import io.wagate.wa.WaProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a byte stream (WebSocket messages, in order) into frames. A server-side reader first takes the intro
 * header off the stream. Not thread-safe: one per connection, fed from its receive thread.
 */
public final class FrameReader {
    private final boolean expectIntro;
    private IntroHeader.Parsed intro;
    private byte[] pending = new byte[0];

    private FrameReader(boolean expectIntro) {
        this.expectIntro = expectIntro;
    }

    /** For a server: the stream starts with the client's intro header. */
    public static FrameReader server() {
        return new FrameReader(true);
    }

    /** For a client: the server sends frames only. */
    public static FrameReader client() {
        return new FrameReader(false);
    }

    /** The intro header, once it has been read (server side). */
    public IntroHeader.Parsed intro() {
        return intro;
    }

    /** Adds received bytes; returns the frames now complete (payloads without their length prefix). */
    public List<byte[]> feed(byte[] data) {
        byte[] buf = pending.length == 0 ? data : concat(pending, data);
        int pos = 0;
        if (expectIntro && intro == null) {
            int used = readIntro(buf);
            if (used < 0) {
                pending = buf.clone();
                return List.of();
            }
            pos = used;
        }
        List<byte[]> frames = new ArrayList<>();
        while (buf.length - pos >= 3) {
            int size = (buf[pos] & 0xff) << 16 | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff);
            if (buf.length - pos - 3 < size) {
                break;
            }
            frames.add(Arrays.copyOfRange(buf, pos + 3, pos + 3 + size));
            pos += 3 + size;
        }
        pending = Arrays.copyOfRange(buf, pos, buf.length);
        return frames;
    }

    /** How many bytes the intro took, or -1 when more are needed. */
    private int readIntro(byte[] buf) {
        int pos = 0;
        byte[] routing = null;
        if (buf.length >= 1 && buf[0] == 'E') {
            if (buf.length < 7) {
                return -1;
            }
            if (buf[1] != 'D') {
                throw new WaProtocolException("bad intro header");
            }
            int len = (buf[4] & 0xff) << 16 | (buf[5] & 0xff) << 8 | (buf[6] & 0xff);
            if (buf.length < 7 + len) {
                return -1;
            }
            routing = Arrays.copyOfRange(buf, 7, 7 + len);
            pos = 7 + len;
        }
        if (buf.length < pos + 4) {
            return -1;
        }
        if (buf[pos] != 'W' || buf[pos + 1] != 'A') {
            throw new WaProtocolException("bad intro header");
        }
        intro = new IntroHeader.Parsed(routing, Arrays.copyOfRange(buf, pos, pos + 4));
        return pos + 4;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
