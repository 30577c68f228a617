package io.wagate.http.simple;

import io.wagate.error.ErrorKind;
import io.wagate.http.ErrorMapper;
import io.wagate.ids.Ulid;

/** The error mapper of the simple API (/api/whatsapp): {@code {"error": "<clear message>"}}, statuses as everywhere. */
public final class SimpleErrorMapper extends ErrorMapper {
    public record SimpleError(String error) {}

    public SimpleErrorMapper(Ulid ids) {
        super(ids);
    }

    @Override
    public SimpleError body(int status, ErrorKind kind, String message) {
        return new SimpleError(message);
    }
}
