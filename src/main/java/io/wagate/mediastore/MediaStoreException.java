package io.wagate.mediastore;

/** The media store could not be used (unreachable, credentials refused, bucket gone): not the caller's fault. */
public final class MediaStoreException extends RuntimeException {
    public MediaStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
