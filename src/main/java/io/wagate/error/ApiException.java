package io.wagate.error;

/**
 * The one error type of wagate's services: what went wrong, in words a client can act on.
 * Messages must never carry secrets; they are sent to clients as they are.
 */
public final class ApiException extends RuntimeException {
    private final ErrorKind kind;

    public ApiException(ErrorKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
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

    public static ApiException unavailable(String message) {
        return new ApiException(ErrorKind.UNAVAILABLE, message);
    }
}
