package io.wagate.engine;

/** An engine could not do what was asked; {@code reason} lets services answer with the right status. */
public final class EngineException extends RuntimeException {
    public enum Reason {
        /** The session is not connected (not WORKING). */
        NOT_READY,
        /** WhatsApp refused: not allowed for this account (e.g. not a group admin). */
        REFUSED,
        /** The target (chat, message, group, code) does not exist. */
        NOT_FOUND,
        /** The input is well-formed but WhatsApp cannot take it (e.g. a number not on WhatsApp). */
        INVALID,
        /** The request clashes with the state of something else (e.g. a number linked elsewhere). */
        CONFLICT,
        /** The engine itself is down or restarting; worth retrying later. */
        UNAVAILABLE,
        /** This engine cannot do this operation. */
        UNSUPPORTED
    }

    private final Reason reason;

    public EngineException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static EngineException unsupported(String engine, String operation) {
        return new EngineException(Reason.UNSUPPORTED, "the " + engine + " engine does not support " + operation + " yet");
    }
}
