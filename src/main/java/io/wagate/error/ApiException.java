package io.wagate.error;

/**
 * The one error type of wagate's services: what went wrong, in words a client can act on.
 * Messages must never carry secrets; they are sent to clients as they are.
 */
public final class ApiException extends RuntimeException {
    private final ErrorKind kind;
    /** For 429 and 503: when to try again, in seconds; 0 when there is nothing to say. */
    private final long retryAfterSeconds;

    public ApiException(ErrorKind kind, String message) {
        this(kind, message, 0);
    }

    private ApiException(ErrorKind kind, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorKind kind() {
        return kind;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(ErrorKind.TOO_MANY_REQUESTS, message, Math.max(1, retryAfterSeconds));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ErrorKind.BAD_REQUEST, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(ErrorKind.UNAUTHORIZED, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorKind.FORBIDDEN, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorKind.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorKind.CONFLICT, message);
    }

    /** Not here: a door's route whose feature wagate lacks, or a command the session's engine cannot carry out. */
    public static ApiException notImplemented(String message) {
        return new ApiException(ErrorKind.NOT_IMPLEMENTED, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(ErrorKind.UNAVAILABLE, message);
    }
}
