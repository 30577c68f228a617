package io.wagate.emulator.control;

/** The one error of the emulator's control API: an HTTP status and a message for {@code {"message"}}. */
public final class ControlException extends RuntimeException {
    private final int status;

    public ControlException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ControlException badRequest(String message) {
        return new ControlException(400, message);
    }

    public static ControlException notFound(String message) {
        return new ControlException(404, message);
    }

    public static ControlException conflict(String message) {
        return new ControlException(409, message);
    }
}
