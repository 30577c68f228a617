package io.wagate.http.v1;

import io.wagate.error.ErrorKind;
import io.wagate.http.ErrorMapper;
import io.wagate.ids.Ulid;

/** The error mapper of the v1 and admin surfaces (and of the server's own routes): {@code {"statusCode", "error", "message"}}. */
public final class V1ErrorMapper extends ErrorMapper {
    public record ErrorBody(int statusCode, String error, String message) {}

    public V1ErrorMapper(Ulid ids) {
        super(ids);
    }

    @Override
    public ErrorBody body(int status, ErrorKind kind, String message) {
        return new ErrorBody(status, kind.reason(), message);
    }
}
