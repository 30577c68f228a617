package io.wagate.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads JSON request bodies with a size cap, and turns every way a body can be wrong into a 400
 * (or 413) that names the field, instead of letting the parser's message or a 500 out.
 */
public final class JsonBody {
    private static final String RAW_BODY = "wagate.raw-body";

    private final ObjectMapper mapper;
    private final long maxBytes;

    public JsonBody(ObjectMapper mapper, long maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    /** The body as {@code type}; an empty body is an error. */
    public <T> T read(Context ctx, Class<T> type) {
        return readOptional(ctx, type).orElseThrow(() -> ApiException.badRequest("a JSON request body is required"));
    }

    /** The body as {@code type}, or empty when the request has no body at all. */
    public <T> Optional<T> readOptional(Context ctx, Class<T> type) {
        byte[] bytes = bytes(ctx);
        if (isBlank(bytes)) {
            return Optional.empty();
        }
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw ApiException.badRequest("the request body must be a JSON object, not null");
            }
            return Optional.of(value);
        } catch (JsonProcessingException e) {
            throw describe(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The raw body within the size limit, read once per request: a second reader (the idempotency
     * check, then the handler) gets the same bytes.
     */
    public byte[] bytes(Context ctx) {
        byte[] cached = ctx.attribute(RAW_BODY);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = readLimited(ctx);
        ctx.attribute(RAW_BODY, bytes);
        return bytes;
    }

    private byte[] readLimited(Context ctx) {
        try (var in = ctx.req().getInputStream()) {
            if (ctx.req().getContentLengthLong() > maxBytes) {
                throw tooLarge(in);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(in);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: the upload was cut off");
        }
    }

    /** The 413, after reading (and dropping) a little more of the body (see {@link RequestBodies#drain}). */
    private ApiException tooLarge(java.io.InputStream in) {
        RequestBodies.drain(in);
        return new ApiException(ErrorKind.PAYLOAD_TOO_LARGE,
                "the JSON body is larger than the limit of " + maxBytes + " bytes");
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static ApiException describe(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            var location = e.getLocation();
            return ApiException.badRequest("malformed JSON" + (location == null ? ""
                    : " at line " + location.getLineNr() + ", column " + location.getColumnNr()));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ApiException.badRequest("unknown field '" + fieldPath(unknown) + "'");
        }
        if (e instanceof InvalidNullException nullValue) {
            return ApiException.badRequest("field '" + fieldPath(nullValue) + "' must not be null");
        }
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() instanceof ApiException api) {
            return api;
        }
        if (e instanceof MismatchedInputException missing && missing.getOriginalMessage() != null
                && missing.getOriginalMessage().startsWith("Missing required creator property")) {
            // A field marked required (present, though it may be null) is absent.
            return ApiException.badRequest("field '" + fieldPath(missing) + "' is required");
        }
        if (e instanceof MismatchedInputException mismatch) {
            String path = fieldPath(mismatch);
            String expected = mismatch.getTargetType() == null ? "another type" : describeType(mismatch.getTargetType());
            return ApiException.badRequest(path.isEmpty()
                    ? "the request body must be a JSON object"
                    : "field '" + path + "' must be " + expected);
        }
        if (e instanceof JsonMappingException mapping && !fieldPath(mapping).isEmpty()) {
            return ApiException.badRequest("field '" + fieldPath(mapping) + "' is not valid");
        }
        return ApiException.badRequest("the request body is not valid JSON for this endpoint");
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describeType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
