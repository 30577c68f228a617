package io.wagate.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.wagate.error.ApiException;
import io.wagate.message.MessageService;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A chat's recent messages as a resource an agent can read into its context, not only a tool it calls. */
final class ChatResources {
    static final String TEMPLATE = "wagate://sessions/{session}/chats/{chatId}/messages";
    private static final Pattern URI = Pattern.compile("wagate://sessions/([^/]+)/chats/([^/]+)/messages");
    private static final int RECENT = 50;

    private final MessageService messages;
    private final ObjectMapper mapper;

    ChatResources(MessageService messages, ObjectMapper mapper) {
        this.messages = messages;
        this.mapper = mapper;
    }

    List<SyncResourceTemplateSpecification> templates() {
        var template = McpSchema.ResourceTemplate.builder(TEMPLATE, "chat_messages")
                .title("A chat's recent messages")
                .description("The " + RECENT + " newest messages of one chat of a session, newest first, as JSON "
                        + "(the same message objects get_messages answers). chatId as in the send tools, e.g. "
                        + "14155550123@c.us.")
                .mimeType("application/json").build();
        return List.of(new SyncResourceTemplateSpecification(template, (context, request) -> {
            var match = URI.matcher(request.uri());
            if (!match.matches()) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message("not a chat's messages: " + request.uri() + " (expected " + TEMPLATE + ")").build();
            }
            String session = URLDecoder.decode(match.group(1), StandardCharsets.UTF_8);
            String chat = URLDecoder.decode(match.group(2), StandardCharsets.UTF_8);
            try {
                var recent = messages.list(ToolCalls.principal(context), session, Optional.of(chat), RECENT, 0);
                return new McpSchema.ReadResourceResult(List.of(
                        new McpSchema.TextResourceContents(request.uri(), "application/json",
                                mapper.writeValueAsString(recent))));
            } catch (ApiException e) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message(ToolCalls.describe(e)).build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a chat's messages", e);
            }
        }));
    }
}
