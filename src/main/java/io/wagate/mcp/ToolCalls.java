package io.wagate.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.wagate.account.Principal;
import io.wagate.error.ApiException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every tool does around its work: the caller's principal from the request, the arguments read as strictly
 * as a {@code /v1} body, the answer as the JSON a {@code /v1} route would give, and a refusal as a tool error that
 * names the HTTP status the same call would have got (so an agent can tell "fix your input" from "try later").
 */
final class ToolCalls {
    /** The request attribute (and transport-context key) the door leaves the authenticated principal under. */
    static final String PRINCIPAL = "wagate.mcp.principal";
    private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);

    private final ObjectMapper mapper;

    ToolCalls(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** One tool: {@code arguments} read into {@code type}, then {@code work} with the caller's principal. */
    <A> SyncToolSpecification tool(String name, String description, InputSchema schema, Kind kind, Class<A> type,
                                   BiFunction<Principal, A, CallToolResult> work) {
        var tool = McpSchema.Tool.builder(name, schema.build()).description(description)
                .annotations(kind.annotations()).build();
        return new SyncToolSpecification(tool, (context, request) -> call(name, context, () ->
                work.apply(principal(context), arguments(request.arguments(), type))));
    }

    /** The answer of a tool whose result is a value of the API: its JSON, as text and as structured content. */
    CallToolResult json(Object value) {
        try {
            String text = mapper.writeValueAsString(value);
            var builder = CallToolResult.builder().addContent(McpSchema.TextContent.builder(text).build());
            if (!(value instanceof List<?>) && !(value instanceof String)) {
                builder.structuredContent(mapper.convertValue(value, Map.class));
            }
            return builder.build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer of a tool", e);
        }
    }

    /** The principal the door authenticated; a call without one never reaches a tool. */
    static Principal principal(McpTransportContext context) {
        if (context.get(PRINCIPAL) instanceof Principal principal) {
            return principal;
        }
        throw new IllegalStateException("an MCP call reached a tool without an authenticated principal");
    }

    private <A> A arguments(Map<String, Object> arguments, Class<A> type) {
        try {
            return mapper.convertValue(arguments == null ? Map.of() : arguments, type);
        } catch (IllegalArgumentException e) {
            var cause = e.getCause() instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw ApiException.badRequest("invalid arguments: " + cause);
        }
    }

    private CallToolResult call(String name, McpTransportContext context, java.util.function.Supplier<CallToolResult> work) {
        try {
            return work.get();
        } catch (ApiException e) {
            return refusal(describe(e));
        } catch (RuntimeException e) {
            log.warn("MCP tool {} failed", name, e);
            return refusal("500 Internal Server Error: the tool failed; the server's log has the details");
        }
    }

    /** A refusal as an agent reads it: the status the same call gets on {@code /v1}, then why. */
    static String describe(ApiException e) {
        return e.kind().status() + " " + e.kind().reason() + ": " + e.getMessage();
    }

    /** An optional number argument, or its default. */
    static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static CallToolResult refusal(String text) {
        return CallToolResult.builder().addContent(McpSchema.TextContent.builder(text).build()).isError(true).build();
    }

    /** What a tool does to the world, as MCP's hints tell an agent (and its user) before it calls. */
    enum Kind {
        /** Reads only. */
        READ(true, false),
        /** Sends or changes something; calling twice does it twice. */
        WRITE(false, false),
        /** Removes or replaces something. */
        DESTRUCTIVE(false, true);

        private final boolean readOnly;
        private final boolean destructive;

        Kind(boolean readOnly, boolean destructive) {
            this.readOnly = readOnly;
            this.destructive = destructive;
        }

        McpSchema.ToolAnnotations annotations() {
            return new McpSchema.ToolAnnotations(null, readOnly, destructive, readOnly, true, null);
        }
    }
}
