package io.wagate.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.javalin.http.Context;
import io.wagate.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of the session a request addresses, wherever the route carries it: the path
 * ({@code {session}}), the query ({@code ?session=}), or the JSON body's top-level {@code session} (the
 * sends) or {@code name} (the session routes that take it so, of {@code /v1} and the WAHA door); on the MCP door,
 * the tool call's {@code params.arguments.session} or the session in a resource's {@code params.uri}
 * ({@code wagate://sessions/{session}/…}). The body is read once, through the readers the routes use (in memory
 * when small, spooled to disk when large), so the route reads it again from there.
 */
public final class RequestSession {
    private final JsonBody small;
    private final JsonBody large;
    private final long smallLimit;
    private final JsonFactory json = new JsonFactory();
    private static final String MCP_PATH = "/mcp";
    private static final Pattern RESOURCE = Pattern.compile("wagate://sessions/([^/]+)/.*");

    public RequestSession(JsonBody small, long smallLimit, JsonBody large) {
        this.small = small;
        this.smallLimit = smallLimit;
        this.large = large;
    }

    public Optional<String> name(Context ctx) {
        String fromPath = ctx.pathParamMap().get("session");
        if (fromPath != null) {
            return Optional.of(fromPath);
        }
        String fromQuery = ctx.queryParam("session");
        if (fromQuery != null && !fromQuery.isBlank()) {
            return Optional.of(fromQuery);
        }
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return Optional.empty();
        }
        long length = ctx.req().getContentLengthLong();
        if (length == 0) {
            return Optional.empty();
        }
        try {
            // Past the small reader's limit (or of unknown length): a body that carries a file, spooled to disk.
            var reader = length > 0 && length <= smallLimit ? small : large;
            try (InputStream in = reader.content(ctx)) {
                if (ctx.path().equals(MCP_PATH)) {
                    return mcpSession(in);
                }
                return topLevelName(in, ctx.path().startsWith("/v1/sessions/") || ctx.path().startsWith("/api/sessions/"));
            }
        } catch (ApiException e) {
            // Too large or malformed: the route says so, in its own words.
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** An MCP request's session: {@code params.arguments.session}, or the session of {@code params.uri}. */
    private Optional<String> mcpSession(InputStream in) throws IOException {
        try (JsonParser parser = json.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("params") && value == JsonToken.START_OBJECT) {
                    return inParams(parser);
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> inParams(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("uri") && value == JsonToken.VALUE_STRING) {
                var match = RESOURCE.matcher(parser.getText());
                return match.matches() ? Optional.of(match.group(1)) : Optional.empty();
            }
            if (field.equals("arguments") && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String argument = parser.currentName();
                    if (parser.nextToken() == JsonToken.VALUE_STRING && argument.equals("session")) {
                        return Optional.of(parser.getText());
                    }
                    parser.skipChildren();
                }
                return Optional.empty();
            }
            parser.skipChildren();
        }
        return Optional.empty();
    }

    /** The top-level {@code session} (or {@code name}) string, skipping every other value where it lies. */
    private Optional<String> topLevelName(InputStream in, boolean nameCounts) throws IOException {
        try (JsonParser parser = json.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String name = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && field.equals("session")) {
                    return Optional.of(parser.getText());
                }
                if (value == JsonToken.VALUE_STRING && nameCounts && field.equals("name")) {
                    name = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            return Optional.ofNullable(name);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
