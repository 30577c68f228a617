package io.wagate.http;

import io.wagate.error.ApiException;

/**
 * Strict UTF-8, as RFC 3629 has it: no overlong forms ({@code C0 AF} is not "/"), no encoded surrogates, nothing
 * past U+10FFFF, no sequence cut short. Jackson's parser is lenient about overlong forms, so request bodies are
 * checked here first, as they are read. Fed piece by piece: a sequence may straddle two pieces.
 */
public final class Utf8 {
    /** Continuation bytes still expected in the current sequence. */
    private int pending;
    /** The range the next continuation byte must lie in (narrower right after some lead bytes). */
    private int low = 0x80;
    private int high = 0xBF;
    /** Bytes checked so far. */
    private long offset;
    private long sequenceStart;

    /** @throws ApiException 400 at the first byte that makes the text malformed */
    public void feed(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++, offset++) {
            int b = bytes[i] & 0xFF;
            if (pending > 0) {
                if (b < low || b > high) {
                    throw malformed(sequenceStart);
                }
                low = 0x80;
                high = 0xBF;
                pending--;
                continue;
            }
            sequenceStart = offset;
            if (b < 0x80) {
                continue;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                if (b == 0xE0) {
                    low = 0xA0; // below: an overlong form of a 2-byte character
                } else if (b == 0xED) {
                    high = 0x9F; // above: a surrogate half, U+D800..DFFF
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                if (b == 0xF0) {
                    low = 0x90;
                } else if (b == 0xF4) {
                    high = 0x8F; // above: past U+10FFFF
                }
            } else {
                throw malformed(offset); // a stray continuation byte, C0/C1 (overlong) or F5..FF
            }
        }
    }

    /** @throws ApiException 400 when the text ended inside a sequence */
    public void finish() {
        if (pending > 0) {
            throw malformed(sequenceStart);
        }
    }

    /** Checks a whole text at once. */
    public static void check(byte[] bytes) {
        var utf8 = new Utf8();
        utf8.feed(bytes, 0, bytes.length);
        utf8.finish();
    }

    private static ApiException malformed(long at) {
        return ApiException.badRequest("the request body is not valid UTF-8: a malformed or overlong sequence at byte "
                + at);
    }
}
