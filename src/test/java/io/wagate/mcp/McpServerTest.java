package io.wagate.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.QrCodes;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MCP door driven by the MCP Java SDK's own client over Streamable HTTP, against the real server. */
class McpServerTest {
    private static final String ECHO = "15550000001@c.us";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);

    private static McpSyncClient client(String key) {
        var transport = HttpClientStreamableHttpTransport.builder(server.get().api().base())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("X-API-Key", key))
                .build();
        var client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static String text(CallToolResult result) {
        return result.content().stream().filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text()).findFirst().orElseThrow();
    }

    private static JsonNode json(CallToolResult result) throws Exception {
        assertThat(result.isError()).as(text(result)).isFalse();
        return JSON.readTree(text(result));
    }

    @Test
    void everyToolIsListedWithADescriptionAndAStrictSchema() {
        try (var client = client(TestServer.ADMIN_KEY)) {
            var tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).contains("list_sessions", "get_session",
                    "get_qr_code", "request_pairing_code", "send_text", "send_image", "send_file", "send_location",
                    "send_poll", "get_messages", "react", "mark_read", "list_chats", "check_number", "list_groups",
                    "get_group", "create_group", "add_participants", "remove_participants", "search_contacts");
            for (var tool : tools) {
                assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(20);
                assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object")
                        .containsEntry("additionalProperties", false);
                assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isNotNull();
            }
            assertThat(client.getServerInstructions()).contains("list_sessions");
        }
    }

    @Test
    void anAgentLinksASessionSendsATextAndReadsTheReplyBack() throws Exception {
        var key = Accounts.createKey(server.get().api(), "agent", "unlimited");
        var api = server.get().api(key);
        Sessions.create(api, "bot");
        Sessions.awaitStatus(api, "bot", "SCAN_QR_CODE");
        try (var client = client(key)) {
            var qr = call(client, "get_qr_code", Map.of("session", "bot"));
            assertThat(qr.isError()).as(text(qr)).isFalse();
            var image = (McpSchema.ImageContent) qr.content().get(0);
            assertThat(image.mimeType()).isEqualTo("image/png");
            String raw = api.get("/v1/bot/auth/qr?format=raw").json().path("value").asText();
            assertThat(QrCodes.decode(Base64.getDecoder().decode(image.data()))).isEqualTo(raw);
            assertThat(text(qr)).isEqualTo(raw);

            var code = json(call(client, "request_pairing_code", Map.of("session", "bot", "phoneNumber", "15557770001")));
            assertThat(code.path("code").asText()).isNotBlank();
            await().atMost(Duration.ofSeconds(15)).until(() -> json(call(client, "get_session",
                    Map.of("session", "bot"))).path("status").asText().equals("WORKING"));
            var sessions = json(call(client, "list_sessions", Map.of()));
            assertThat(StreamSupport.stream(sessions.spliterator(), false).map(s -> s.path("name").asText()))
                    .containsExactly("bot");

            var sent = json(call(client, "send_text", Map.of("session", "bot", "chatId", ECHO, "text", "hello agent")));
            assertThat(sent.path("fromMe").asBoolean()).isTrue();
            assertThat(sent.path("to").asText()).isEqualTo(ECHO);
            var messages = await().atMost(Duration.ofSeconds(15)).until(() -> json(call(client, "get_messages",
                    Map.of("session", "bot", "chatId", ECHO, "limit", 10))), list -> list.size() >= 2);
            assertThat(messages.get(0).path("fromMe").asBoolean()).as(messages.toString()).isFalse();
            assertThat(messages.get(0).path("body").asText()).isEqualTo("hello agent");
            assertThat(messages.get(1).path("id").asText()).isEqualTo(sent.path("id").asText());

            var read = client.readResource(new McpSchema.ReadResourceRequest(
                    "wagate://sessions/bot/chats/" + ECHO + "/messages"));
            var contents = (McpSchema.TextResourceContents) read.contents().get(0);
            assertThat(contents.mimeType()).isEqualTo("application/json");
            assertThat(JSON.readTree(contents.text()).get(1).path("id").asText()).isEqualTo(sent.path("id").asText());
            assertThat(client.listResourceTemplates().resourceTemplates())
                    .extracting(McpSchema.ResourceTemplate::uriTemplate).contains(ChatResources.TEMPLATE);

            var reacted = json(call(client, "react", Map.of("session", "bot", "messageId",
                    messages.get(0).path("id").asText(), "reaction", "👍")));
            assertThat(reacted.path("reactions").toString()).contains("👍");
            assertThat(json(call(client, "mark_read", Map.of("session", "bot", "chatId", ECHO)))
                    .path("success").asBoolean()).isTrue();
            var chats = json(call(client, "list_chats", Map.of("session", "bot")));
            assertThat(chats.toString()).contains(ECHO);
        }
    }

    @Test
    void anAgentFindsContactsByNameOrNumber() throws Exception {
        var key = Accounts.createKey(server.get().api(), "finder", "unlimited");
        var api = server.get().api(key);
        Sessions.linked(api, "finder", "15557770002");
        api.post("/v1/sendText", Map.of("session", "finder", "chatId", "15557770003", "text", "no one there"));
        try (var client = client(key)) {
            var echo = await().atMost(Duration.ofSeconds(15)).until(() -> json(call(client, "search_contacts",
                    Map.of("session", "finder", "query", "ECHO"))), found -> found.size() == 1);
            assertThat(echo.get(0).path("id").asText()).isEqualTo(ECHO);
            assertThat(echo.get(0).path("name").asText()).isEqualTo("Echo (sandbox)");
            // by part of the number; both built-in contacts are 1555000000x
            assertThat(json(call(client, "search_contacts", Map.of("session", "finder", "query", "5550000")))
                    .findValuesAsText("id")).containsExactly(ECHO, "15550000002@c.us");
            assertThat(json(call(client, "search_contacts", Map.of("session", "finder", "query", "sandbox",
                    "limit", 1)))).hasSize(1);
            assertThat(json(call(client, "search_contacts", Map.of("session", "finder", "query", "100%")))).isEmpty();
            var empty = call(client, "search_contacts", Map.of("session", "finder", "query", " "));
            assertThat(empty.isError()).isTrue();
            assertThat(text(empty)).startsWith("400");
        }
    }

    @Test
    void anAccountSeesOnlyItsOwnSessions() throws Exception {
        var admin = server.get().api();
        Sessions.create(admin, "admins-own");
        var key = Accounts.createKey(admin, "tenant", "unlimited");
        try (var client = client(key)) {
            assertThat(json(call(client, "list_sessions", Map.of())).toString()).doesNotContain("admins-own");
            var other = call(client, "get_session", Map.of("session", "admins-own"));
            assertThat(other.isError()).isTrue();
            assertThat(text(other)).startsWith("404 Not Found");
        }
    }

    @Test
    void refusalsNameTheStatusTheApiWouldGive() {
        var api = server.get().api();
        Sessions.create(api, "waiting");
        Sessions.awaitStatus(api, "waiting", "SCAN_QR_CODE");
        try (var client = client(TestServer.ADMIN_KEY)) {
            var notWorking = call(client, "send_text", Map.of("session", "waiting", "chatId", ECHO, "text", "x"));
            assertThat(notWorking.isError()).isTrue();
            assertThat(text(notWorking)).startsWith("409 Conflict");
            var badChat = call(client, "send_text", Map.of("session", "waiting", "chatId", "not a chat", "text", "x"));
            assertThat(badChat.isError()).isTrue();
            assertThat(text(badChat)).startsWith("400 Bad Request").contains("chatId");
            var unknownField = call(client, "get_session", Map.of("session", "waiting", "colour", "red"));
            assertThat(unknownField.isError()).isTrue();
            assertThat(text(unknownField)).contains("colour");
            var bothFiles = call(client, "send_image", Map.of("session", "waiting", "chatId", ECHO));
            assertThat(bothFiles.isError()).isTrue();
            assertThat(text(bothFiles)).startsWith("400 Bad Request").contains("url");
        }
    }

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    /** Raw HTTP to the door with {@code key} and the Accept header the transport requires. */
    private static Api raw(String key) {
        return server.get().api().anonymous().withHeader("X-API-Key", key)
                .withHeader("Accept", "application/json, text/event-stream");
    }

    private static Api.Response post(Api api, String body) {
        return api.send("POST", "/mcp", body, "application/json");
    }

    @Test
    void noStreamAndNoSessionToEndAnswer405() {
        for (var method : List.of("GET", "DELETE")) {
            var response = raw(TestServer.ADMIN_KEY).send(method, "/mcp", null, null);
            assertThat(response.status()).as(method + " " + response).isEqualTo(405);
        }
    }

    @Test
    void aMessageWithoutBothAcceptTypesOrNotJsonRpcIs400() {
        var noAccept = server.get().api().send("POST", "/mcp", INITIALIZE, "application/json");
        assertThat(noAccept.status()).as(noAccept.toString()).isEqualTo(400);
        var api = raw(TestServer.ADMIN_KEY);
        var notRpc = post(api, "{\"hello\":1}");
        assertThat(notRpc.status()).as(notRpc.toString()).isEqualTo(400);
        assertThat(post(api, INITIALIZE).status()).isEqualTo(200);
        // Stateless: a call stands alone, without an initialize before it (the README's curl).
        var listed = post(api, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"list_sessions\",\"arguments\":{}}}");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().path("result").path("isError").asBoolean()).as(listed.toString()).isFalse();
    }

    @Test
    void mcpRequestsCountAgainstThePlansRateLimit() {
        var admin = server.get().api();
        var plan = admin.post("/admin/plans", Map.of("name", "mcp-one-per-second", "requestsPerMonth", 1000,
                "requestsPerSecond", 1, "maxSessions", 1, "overage", false));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        var key = Accounts.createKey(admin, "mcp-slow", "mcp-one-per-second");
        // 20 requests at 1 per second: only a run slower than 19 s could pass them all.
        var statuses = new java.util.ArrayList<Integer>();
        Api.Response refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            var response = post(raw(key), INITIALIZE);
            statuses.add(response.status());
            if (response.status() == 429) {
                refused = response;
            }
        }
        assertThat(refused).as(statuses.toString()).isNotNull();
        assertThat(refused.json().path("statusCode").asInt()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
    }

    @Test
    void withoutAValidKeyTheDoorAnswers401() {
        String initialize = INITIALIZE;
        for (var api : List.of(server.get().api().anonymous(), server.get().api("wag_not_a_real_key_0123456789"))) {
            var response = api.send("POST", "/mcp", initialize, "application/json");
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.json().path("message").asText()).isNotBlank();
        }
    }
}
