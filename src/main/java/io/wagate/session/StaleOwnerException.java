package io.wagate.session;

/** A write refused because another node owns the session now (a newer lease generation). */
public final class StaleOwnerException extends RuntimeException {
    public StaleOwnerException(String message) {
        super(message, null, false, false);
    }
}
