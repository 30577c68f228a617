package io.wagate.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import io.wagate.error.ApiException;
import io.wagate.error.ErrorKind;
import io.wagate.media.TempFiles;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads JSON request bodies with a size cap, and turns every way a body can be wrong into a 400
 * (or 413) that names the field, instead of letting the parser's message or a 500 out.
 */
public final class JsonBody {
    private static final String RAW_BODY = "wagate.raw-body";
    private static final String SPOOLED_BODY = "wagate.spooled-body";

    private final ObjectMapper mapper;
    private final long maxBytes;
    /** Where bodies are spooled to disk; null when they are read into memory. */
    private final TempFiles spool;

    public JsonBody(ObjectMapper mapper, long maxBytes) {
        this(mapper, maxBytes, null);
    }

    private JsonBody(ObjectMapper mapper, long maxBytes, TempFiles spool) {
        // Request bodies only: what the engines report or the store holds is read as it is.
        this.mapper = mapper.copy().registerModule(StrictStrings.module());
        this.maxBytes = maxBytes;
        this.spool = spool;
    }

    /**
     * For bodies that carry files as base64 (up to {@code maxBytes}, ~134 MB by default): each is written to a file
     * in the media temp dir as it arrives and read from there, its {@code file.data} only as it is decoded (see
     * {@link SpooledBody}). Handlers must {@link #release} the file.
     */
    public static JsonBody spooled(ObjectMapper mapper, long maxBytes, TempFiles temp) {
        return new JsonBody(mapper, maxBytes, temp);
    }

    /** The body as {@code type}; an empty body is an error. */
    public <T> T read(Context ctx, Class<T> type) {
        return readOptional(ctx, type).orElseThrow(() -> ApiException.badRequest("a JSON request body is required"));
    }

    /**
     * The body as {@code type}, or empty when the request has no body at all. Where the path names a session
     * ({@code {session}}), the body may repeat it as {@code session} (see {@link PathSession}).
     */
    public <T> Optional<T> readOptional(Context ctx, Class<T> type) {
        var reader = PathSession.accepting(mapper.readerFor(type), type, ctx.pathParamMap().get("session"));
        return spool != null ? fromSpooled(spooledFile(ctx), reader) : fromBytes(bytes(ctx), reader);
    }

    /**
     * A body held in memory as {@code type}, or empty when it is blank: what every request body of a
     * non-spooling reader goes through.
     *
     * @throws ApiException 400 for malformed UTF-8 or JSON, or JSON that does not fit {@code type}
     */
    public <T> Optional<T> fromBytes(byte[] bytes, Class<T> type) {
        return fromBytes(bytes, mapper.readerFor(type));
    }

    private <T> Optional<T> fromBytes(byte[] bytes, ObjectReader reader) {
        Utf8.check(bytes);
        return isBlank(bytes) ? Optional.empty() : Optional.of(notNull(parsed(() -> reader.readValue(bytes))));
    }

    /**
     * A spooled body (its UTF-8 checked while it was written) as {@code type}, or empty when it holds no value.
     *
     * @throws ApiException 400 for malformed JSON or JSON that does not fit {@code type}
     */
    public <T> Optional<T> fromSpooled(Path file, Class<T> type) {
        return fromSpooled(file, mapper.readerFor(type));
    }

    private <T> Optional<T> fromSpooled(Path file, ObjectReader reader) {
        var tree = parsed(() -> SpooledBody.tree(mapper, file));
        return tree == null ? Optional.empty() : Optional.of(notNull(parsed(() -> reader.readValue(tree))));
    }

    private interface Parse<T> {
        T run() throws IOException;
    }

    /** What a parse returns, its failures as the 400 that names the field. */
    private static <T> T parsed(Parse<T> parse) {
        try {
            return parse.run();
        } catch (JsonProcessingException e) {
            throw describe(e);
        } catch (CharConversionException e) {
            // Jackson took leading NUL bytes for UTF-16 or UTF-32: in UTF-8 (checked) no JSON starts so.
            throw ApiException.badRequest("malformed JSON: it does not start with a JSON value");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T notNull(T value) {
        if (value == null) {
            throw ApiException.badRequest("the request body must be a JSON object, not null");
        }
        return value;
    }

    /** The raw body within the size limit, from memory or from its spooled file, as often as asked. */
    public InputStream content(Context ctx) {
        if (spool == null) {
            return new ByteArrayInputStream(bytes(ctx));
        }
        try {
            return Files.newInputStream(spooledFile(ctx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the spooled body of this request, if there is one. */
    public void release(Context ctx) {
        Path spooled = ctx.attribute(SPOOLED_BODY);
        if (spooled != null) {
            TempFiles.deleteQuietly(spooled);
        }
    }

    /** The body of this request as an earlier reader left it in memory, if one did. */
    public static Optional<byte[]> heldBytes(Context ctx) {
        return Optional.ofNullable(ctx.attribute(RAW_BODY));
    }

    /** The body of this request as an earlier reader spooled it to disk, if one did. */
    public static Optional<Path> heldFile(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SPOOLED_BODY));
    }

    private Path spooledFile(Context ctx) {
        Path cached = ctx.attribute(SPOOLED_BODY);
        if (cached != null) {
            return cached;
        }
        byte[] inMemory = ctx.attribute(RAW_BODY);
        if (inMemory != null) {
            // Read into memory before (a cluster node looking for the session it names): the same bytes, on disk.
            Path file = spool.create(".json");
            ctx.attribute(SPOOLED_BODY, file);
            try {
                Files.write(file, inMemory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }
        try (var in = ctx.req().getInputStream()) {
            if (ctx.req().getContentLengthLong() > maxBytes) {
                throw tooLarge(in);
            }
            Path file = spool.create(".json");
            ctx.attribute(SPOOLED_BODY, file); // from here on release() deletes it, whatever happens
            var utf8 = new Utf8();
            try (var out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    total += read;
                    if (total > maxBytes) {
                        throw tooLarge(in);
                    }
                    try {
                        utf8.feed(buffer, 0, read);
                    } catch (ApiException malformed) {
                        RequestBodies.drain(in); // so that the client reads the 400 rather than a reset
                        throw malformed;
                    }
                    out.write(buffer, 0, read);
                }
            }
            utf8.finish();
            return file;
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: the upload was cut off");
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
        Path spooled = ctx.attribute(SPOOLED_BODY);
        byte[] bytes = spooled != null ? fromSpoolFile(ctx, spooled) : readLimited(ctx);
        ctx.attribute(RAW_BODY, bytes);
        return bytes;
    }

    /** A body spooled by an earlier reader (with a larger limit), taken into memory and its file deleted. */
    private byte[] fromSpoolFile(Context ctx, Path spooled) {
        try {
            if (Files.size(spooled) > maxBytes) {
                throw new ApiException(ErrorKind.PAYLOAD_TOO_LARGE,
                        "the JSON body is larger than the limit of " + maxBytes + " bytes");
            }
            return Files.readAllBytes(spooled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ctx.attribute(SPOOLED_BODY, null);
            TempFiles.deleteQuietly(spooled);
        }
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
        if (e instanceof StrictStrings.InvalidUnicode unicode) {
            String path = fieldPath(unicode);
            return ApiException.badRequest((path.isEmpty() ? "the body" : "field '" + path + "'") + " "
                    + unicode.getOriginalMessage());
        }
        if (e instanceof PathSession.Mismatch mismatch) {
            return ApiException.badRequest(mismatch.getOriginalMessage());
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
