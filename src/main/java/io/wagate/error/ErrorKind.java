package io.wagate.error;

/** The failures a request can end in; each API surface maps them to its own status and body. */
public enum ErrorKind {
    BAD_REQUEST(400, "Bad Request"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not Found"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    UPGRADE_REQUIRED(426, "Upgrade Required"),
    TOO_MANY_REQUESTS(429, "Too Many Requests"),
    INTERNAL(500, "Internal Server Error"),
    NOT_IMPLEMENTED(501, "Not Implemented"),
    UNAVAILABLE(503, "Service Unavailable");

    private final int status;
    private final String reason;

    ErrorKind(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    /** The kind of an HTTP status met outside wagate's code (Javalin, Jetty); unknown ones by class. */
    public static ErrorKind forStatus(int status) {
        for (var kind : values()) {
            if (kind.status == status) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
