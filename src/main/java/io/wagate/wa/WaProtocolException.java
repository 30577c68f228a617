package io.wagate.wa;

/** The one error of the protocol layer: bytes that do not parse, a tag that fails, a signature that is wrong. */
public final class WaProtocolException extends RuntimeException {
    public WaProtocolException(String message) {
        super(message);
    }

    public WaProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
