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
    private byte[] buf = new byte[4096];
    private int start;
    private int end;

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
        append(data);
        if (expectIntro && intro == null) {
            int used = readIntro(Arrays.copyOfRange(buf, start, end));
            if (used < 0) {
                return List.of();
            }
            start += used;
        }
        List<byte[]> frames = new ArrayList<>();
        while (end - start >= 3) {
            int size = (buf[start] & 0xff) << 16 | (buf[start + 1] & 0xff) << 8 | (buf[start + 2] & 0xff);
            if (end - start - 3 < size) {
                break;
            }
            frames.add(Arrays.copyOfRange(buf, start + 3, start + 3 + size));
            start += 3 + size;
        }
        return frames;
    }

    /** Appends without copying what is pending more than once per doubling: a frame may arrive byte by byte. */
    private void append(byte[] data) {
        if (start == end) {
            start = 0;
            end = 0;
        }
        if (end + data.length > buf.length) {
            int pending = end - start;
            byte[] next = pending + data.length > buf.length ? new byte[Math.max(buf.length * 2, pending + data.length)] : buf;
            System.arraycopy(buf, start, next, 0, pending);
            buf = next;
            start = 0;
            end = pending;
        }
        System.arraycopy(data, 0, buf, end, data.length);
        end += data.length;
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
}
