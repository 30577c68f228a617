package io.wagate.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.wagate.chat.ChatService;
import io.wagate.contact.ContactBook;
import io.wagate.contact.ContactService;
import io.wagate.group.GroupService;
import io.wagate.http.Auth;
import io.wagate.http.RouteGroup;
import io.wagate.message.MediaMessages;
import io.wagate.message.MessageService;
import io.wagate.session.SessionLifecycle;
import io.wagate.session.SessionService;
import java.util.ArrayList;
import java.util.Map;

/**
 * The MCP server at {@link #PATH}: the SDK's stateless Streamable HTTP transport, called from a Javalin route so
 * that the {@code /mcp} surface's before-handler has admitted the request first (API key, plan limits) and the
 * tools run on the request's own virtual thread. Stateless: no MCP session to keep, so no GET stream (405) and
 * any node of a cluster can answer.
 */
public final class McpDoor implements RouteGroup, AutoCloseable {
    public static final String PATH = "/mcp";
    private static final String INSTRUCTIONS = "wagate drives WhatsApp accounts linked to it (sessions). Start "
            + "with list_sessions; a session must be WORKING to send. Chat ids: \"<phone digits>@c.us\" for a "
            + "person, \"<id>@g.us\" for a group. Errors name the HTTP status the same call gets on wagate's API.";

    /** The services the tools call, as the {@code /v1} routes call them. */
    public record Services(SessionService sessions, SessionLifecycle lifecycle, MessageService messages,
                           MediaMessages media, ChatService chats, ContactService contacts, GroupService groups,
                           ContactBook contactBook) {}

    private final HttpServletStatelessServerTransport transport;
    private final McpStatelessSyncServer server;

    public McpDoor(Services services, ObjectMapper mapper, String version) {
        // The SDK reads and writes its protocol with its own mapper: ours refuses unknown fields, which MCP's
        // messages may carry as the protocol grows.
        var protocolJson = new JacksonMcpJsonMapper(new ObjectMapper());
        this.transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(protocolJson)
                .messageEndpoint(PATH)
                .contextExtractor(request -> McpTransportContext.create(
                        Map.of(ToolCalls.PRINCIPAL, request.getAttribute(ToolCalls.PRINCIPAL))))
                .build();
        var calls = new ToolCalls(mapper);
        var tools = new ArrayList<>(new SessionTools(services.sessions(), services.lifecycle(), calls).tools());
        tools.addAll(new MessageTools(services.messages(), services.media(), calls).tools());
        tools.addAll(new ChatTools(services.chats(), services.contacts(), services.groups(), calls).tools());
        tools.addAll(new ContactTools(services.contactBook(), calls).tools());
        this.server = McpServer.sync(transport)
                .serverInfo("wagate", version)
                .instructions(INSTRUCTIONS)
                .jsonMapper(protocolJson)
                .immediateExecution(true)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                .tools(tools)
                .resourceTemplates(new ChatResources(services.messages(), mapper).templates())
                .build();
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::serve);
        routes.get(PATH, this::serve);
        routes.delete(PATH, this::serve);
    }

    private void serve(Context ctx) throws Exception {
        ctx.req().setAttribute(ToolCalls.PRINCIPAL, Auth.principal(ctx));
        transport.service(ctx.req(), ctx.res());
    }

    @Override
    public void close() {
        server.close();
    }
}
