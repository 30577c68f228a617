package io.wagate.http.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagate.http.HttpServer;
import io.wagate.http.simple.SimpleRoutes;
import io.wagate.support.Api;
import io.wagate.support.TestServer;
import io.wagate.waha.WahaDoor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps /openapi.json and the server in step: every registered route is documented and every
 * documented operation is served; the operations are complete (id, responses, tags, parameters);
 * the security the document claims is the one the server enforces; and real responses match the
 * documented statuses and schemas. Also checks Swagger UI at /docs and its asset route.
 */
class OpenApiDocumentTest {
    private static final Set<String> PUBLIC_OPERATIONS = Set.of(
            "GET /health", "GET /openapi.json", "GET /docs", "GET /docs/assets/{file}", "GET /",
            "GET /dashboard/{file}");
    /** The tags of the foundation's routes, whose every operation the response tour below exercises. */
    private static final Set<String> TAGS = Set.of("Sessions", "Auth", "Admin", "Health", "Docs");

    private static TestServer server;
    private static Api admin;
    private static JsonNode served;
    private static OpenApiContract contract;

    @BeforeAll
    static void start() {
        // The sandbox never links by itself here, so sessions stay in SCAN_QR_CODE until a pairing code links them.
        server = TestServer.startWithoutAutoLink();
        admin = server.api();
        var response = admin.anonymous().get("/openapi.json");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        served = response.json();
        contract = new OpenApiContract(served);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() {
        var registered = new TreeSet<String>();
        for (HttpServer.Route route : server.app().routes()) {
            if (!isWahaDoors(route.path())) {
                registered.add(OpenApiContract.normalizeRoute(route.method(), route.path()));
            }
        }
        assertThat(registered).as("the server's routes").contains("GET /openapi.json", "GET /docs",
                "GET /docs/assets/{file}", "GET /health", "POST /v1/sessions");

        var diff = OpenApiContract.RouteDiff.between(registered, contract.operations());

        assertThat(diff.isEmpty()).withFailMessage(diff::describe).isTrue();
    }

    /**
     * The WAHA door's routes (/api outside the simple API's /api/whatsapp, and /ping) are WAHA's operations:
     * WAHA's own document describes them, and WahaContractTest checks them against it.
     */
    private static boolean isWahaDoors(String path) {
        return path.equals("/ping") || path.startsWith(WahaDoor.PATH + "/") && !path.startsWith(SimpleRoutes.BASE + "/");
    }

    @Test
    void theRouteComparisonReportsBothDirections() {
        var diff = OpenApiContract.RouteDiff.between(
                Set.of("GET /v1/sessions", "POST /v1/sendText"),
                Set.of("GET /v1/sessions", "DELETE /v1/sessions/{session}/webhooks"));

        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.undocumented()).containsExactly("POST /v1/sendText");
        assertThat(diff.notServed()).containsExactly("DELETE /v1/sessions/{session}/webhooks");
        assertThat(diff.describe()).contains("served but missing", "POST /v1/sendText",
                "no such route is registered", "DELETE /v1/sessions/{session}/webhooks");
        assertThat(OpenApiContract.normalizeRoute("get", "/files/<path>")).isEqualTo("GET /files/{path}");
    }

    @Test
    void theDocumentIsServedWithoutAKeyAsOpenApi3() {
        var response = admin.anonymous().get("/openapi.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        var document = response.json();
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.path("info").path("title").asText()).isEqualTo("wagate");
        assertThat(document.path("info").path("version").asText()).isNotBlank();
        assertThat(document.path("servers").get(0).path("url").asText()).isEqualTo("/");
        // The served document is the shipped one (only info.version may be stamped with the build's version).
        var shipped = OpenApiContract.fromClasspath().document().deepCopy();
        ((ObjectNode) shipped.get("info"))
                .set("version", document.path("info").path("version"));
        assertThat(document).isEqualTo(shipped);
    }

    @Test
    void theDocumentDeclaresTheThreeWaysToSendAKey() {
        var schemes = served.path("components").path("securitySchemes");

        assertThat(schemes.path("ApiKey").path("type").asText()).isEqualTo("apiKey");
        assertThat(schemes.path("ApiKey").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("ApiKey").path("name").asText()).isEqualTo("X-API-Key");
        assertThat(schemes.path("RapidApiKey").path("name").asText()).isEqualTo("x-rapidapi-key");
        assertThat(schemes.path("RapidApiKey").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("BearerAuth").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("BearerAuth").path("scheme").asText()).isEqualTo("bearer");
        var global = new HashSet<String>();
        served.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(global::add));
        assertThat(global).containsExactlyInAnyOrder("ApiKey", "RapidApiKey", "BearerAuth");
    }

    @Test
    void everyOperationIsComplete() {
        var problems = new ArrayList<String>();
        var operationIds = new HashSet<String>();
        var declaredTags = new HashSet<String>();
        served.path("tags").forEach(tag -> declaredTags.add(tag.path("name").asText()));
        assertThat(declaredTags).containsAll(TAGS);

        for (String operation : contract.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            var node = contract.operation(method, path);

            String operationId = node.path("operationId").asText("");
            if (operationId.isBlank()) {
                problems.add(operation + " has no operationId");
            } else if (!operationIds.add(operationId)) {
                problems.add(operation + " repeats operationId " + operationId);
            }
            if (!node.path("responses").isObject() || node.path("responses").isEmpty()) {
                problems.add(operation + " documents no response");
            }
            node.path("responses").fieldNames().forEachRemaining(status -> {
                if (!status.matches("[1-5](\\d\\d|XX)|default")) {
                    problems.add(operation + " has a response key that is no status: " + status);
                }
                if (!contract.resolve(node.path("responses").get(status)).has("description")) {
                    problems.add(operation + " response " + status + " has no description");
                }
            });
            if (!node.path("tags").isArray() || node.path("tags").isEmpty()) {
                problems.add(operation + " has no tag");
            }
            node.path("tags").forEach(tag -> {
                if (!declaredTags.contains(tag.asText())) {
                    problems.add(operation + " uses the undeclared tag " + tag.asText());
                }
            });
            var pathParameters = contract.parameters(method, path).stream()
                    .filter(p -> p.path("in").asText().equals("path")).toList();
            var declared = pathParameters.stream().map(p -> p.path("name").asText()).collect(Collectors.toSet());
            var inTemplate = new HashSet<>(OpenApiContract.templateParameters(path));
            if (!declared.equals(inTemplate)) {
                problems.add(operation + " declares path parameters " + declared + " but its path has " + inTemplate);
            }
            pathParameters.stream().filter(p -> !p.path("required").asBoolean(false))
                    .forEach(p -> problems.add(operation + " path parameter " + p.path("name").asText()
                            + " must be required"));
            boolean isPublic = contract.isPublic(method, path);
            if (isPublic != PUBLIC_OPERATIONS.contains(operation)) {
                problems.add(operation + (isPublic ? " is documented as public but must need a key"
                        : " must be documented as public (security: [])"));
            }
            if (!isPublic && !node.path("responses").has("401")) {
                problems.add(operation + " needs a key but documents no 401");
            }
            // Plan limits apply to every authenticated route of the API surfaces (not to /admin, nor /metrics).
            if (!isPublic && !path.startsWith("/admin/") && !path.equals("/metrics")
                    && !node.path("responses").has("429")) {
                problems.add(operation + " is subject to plan limits but documents no 429");
            }
        }
        problems.addAll(contract.danglingRefs().stream().map(ref -> "dangling $ref " + ref).toList());

        assertThat(problems).as("problems in src/main/resources/openapi.json").isEmpty();
    }

    /** What the document says about keys is what the server enforces: public routes open, the rest 401 without a key. */
    @Test
    void theServerEnforcesTheDocumentedSecurity() {
        var anonymous = admin.anonymous();
        for (String operation : contract.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            String concrete = path.replaceAll("\\{[^}/]+}", "docs-probe");
            var response = anonymous.send(method, concrete, method.equals("GET") || method.equals("DELETE")
                    ? null : "{}", "application/json");

            if (contract.isPublic(method, path)) {
                assertThat(response.status()).as(operation + " is public: " + response).isNotEqualTo(401);
            } else {
                assertThat(response.status()).as(operation + " needs a key: " + response).isEqualTo(401);
                contract.assertConforms(method, path, response);
            }
        }
    }

    @Test
    void swaggerUiIsServedAtDocs() {
        var response = admin.anonymous().get("/docs");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        assertThat(response.text()).containsIgnoringCase("swagger").contains("/openapi.json",
                "/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui-standalone-preset.js",
                "/docs/assets/swagger-ui.css", "SwaggerUIBundle(");
        contract.assertConforms("GET", "/docs", response);
    }

    @Test
    void everyAssetThePageLoadsIsServedWithItsContentType() {
        var page = admin.anonymous().get("/docs").text();
        var assets = new ArrayList<String>();
        var matcher = Pattern.compile("\"(/docs/assets/[^\"?]+)(\\?[^\"]*)?\"").matcher(page);
        while (matcher.find()) {
            assets.add(matcher.group(0).replace("\"", ""));
        }
        assertThat(assets).hasSizeGreaterThanOrEqualTo(3);

        for (String asset : assets) {
            var response = admin.anonymous().get(asset);
            assertThat(response.status()).as(asset).isEqualTo(200);
            assertThat(response.bytes()).as(asset).isNotEmpty();
            contract.assertConforms("GET", "/docs/assets/{file}", response);
        }
    }

    @Test
    void theBundleIsServedAsJavaScriptAndTheStylesAsCss() {
        var bundle = admin.anonymous().get("/docs/assets/swagger-ui-bundle.js");
        var css = admin.anonymous().get("/docs/assets/swagger-ui.css");

        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("Content-Type")).startsWith("text/javascript");
        assertThat(bundle.text()).contains("SwaggerUIBundle");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
    }

    @Test
    void assetsOutsideTheWebjarDirectoryOrMissingAreNotFound() {
        for (String path : List.of(
                "/docs/assets/..%2F..%2Fpom.properties",
                "/docs/assets/..%2F..%2F..%2Fmaven%2Forg.webjars%2Fswagger-ui%2Fpom.properties",
                "/docs/assets/..%2F5.34.1%2Fswagger-ui.css",
                "/docs/assets/%2E%2E",
                "/docs/assets/..%5Cswagger-ui.css",
                "/docs/assets/.hidden.js",
                "/docs/assets/missing.js",
                "/docs/assets/App.class")) {
            var response = admin.anonymous().get(path);

            assertThat(response.status()).as(path + " -> " + response).isEqualTo(404);
            assertThat(response.json().path("statusCode").asInt()).isEqualTo(404);
            contract.assertConforms("GET", "/docs/assets/{file}", response);
        }
        // Jetty refuses a NUL byte in the path before any route sees it; it must never serve a file.
        assertThat(admin.anonymous().get("/docs/assets/swagger-ui-bundle.js%00.css").status()).isIn(400, 404);
    }

    /**
     * Walks every operation with real requests and checks each answer against the document:
     * status documented, content type documented, body valid against the schema. Every operation
     * tagged with one of {@link #TAGS} must have shown at least one documented success here;
     * features with their own tags (Messages, Groups, Webhooks, …) check their answers in their
     * own tests with {@link OpenApiContract#assertConforms}.
     */
    @Test
    void realResponsesMatchTheDocument() {
        var tour = new Tour();
        var anonymous = admin.anonymous();

        tour.expect(200, "GET", "/health", anonymous.get("/health"));
        tour.expect(200, "GET", "/openapi.json", anonymous.get("/openapi.json"));
        tour.expect(200, "GET", "/docs", anonymous.get("/docs"));
        tour.expect(200, "GET", "/docs/assets/{file}", anonymous.get("/docs/assets/favicon-32x32.png"));
        tour.expect(200, "GET", "/", anonymous.get("/"));
        tour.expect(200, "GET", "/dashboard/{file}", anonymous.get("/dashboard/main.js"));
        tour.expect(404, "GET", "/dashboard/{file}", anonymous.get("/dashboard/missing.js"));

        // Admin: accounts and keys.
        var account = tour.expect(201, "POST", "/admin/accounts",
                admin.post("/admin/accounts", Map.of("name", "docs-tour", "plan", "pro"))).json();
        String accountId = account.path("id").asText();
        var accountApi = server.api(account.path("apiKey").asText());
        tour.expect(409, "POST", "/admin/accounts", admin.post("/admin/accounts", Map.of("name", "docs-tour")));
        tour.expect(400, "POST", "/admin/accounts", admin.post("/admin/accounts", Map.of("name", "docs tour!")));
        tour.expect(400, "POST", "/admin/accounts", admin.post("/admin/accounts", Map.of("name", "x", "plan", "gold")));
        tour.expect(403, "POST", "/admin/accounts", accountApi.post("/admin/accounts", Map.of("name", "sneaky")));
        tour.expect(200, "GET", "/admin/accounts", admin.get("/admin/accounts"));
        tour.expect(200, "GET", "/admin/nodes", admin.get("/admin/nodes"));
        tour.expect(403, "GET", "/admin/nodes", accountApi.get("/admin/nodes"));
        tour.expect(409, "POST", "/admin/nodes/{name}/drain", admin.post("/admin/nodes/any/drain", Map.of()));
        tour.expect(403, "GET", "/admin/accounts", accountApi.get("/admin/accounts"));
        tour.expect(200, "GET", "/admin/accounts/{account}", admin.get("/admin/accounts/" + accountId));
        tour.expect(404, "GET", "/admin/accounts/{account}", admin.get("/admin/accounts/acc_missing"));
        var key = tour.expect(201, "POST", "/admin/accounts/{account}/keys",
                admin.post("/admin/accounts/" + accountId + "/keys", Map.of("label", "crm"))).json();
        tour.expect(201, "POST", "/admin/accounts/{account}/keys",
                admin.send("POST", "/admin/accounts/" + accountId + "/keys", null, null));
        tour.expect(400, "POST", "/admin/accounts/{account}/keys",
                admin.post("/admin/accounts/" + accountId + "/keys", Map.of("label", 7)));
        tour.expect(404, "POST", "/admin/accounts/{account}/keys",
                admin.post("/admin/accounts/acc_missing/keys", Map.of()));
        tour.expect(200, "GET", "/admin/accounts/{account}/keys", admin.get("/admin/accounts/" + accountId + "/keys"));
        tour.expect(404, "GET", "/admin/accounts/{account}/keys", admin.get("/admin/accounts/acc_missing/keys"));
        String keyPath = "/admin/accounts/" + accountId + "/keys/" + key.path("id").asText();
        tour.expect(204, "DELETE", "/admin/accounts/{account}/keys/{key}", admin.delete(keyPath));
        tour.expect(404, "DELETE", "/admin/accounts/{account}/keys/{key}", admin.delete(keyPath));
        tour.expect(200, "GET", "/admin/accounts/{account}/keys", admin.get("/admin/accounts/" + accountId + "/keys"));

        // Admin: plans. The tour's account moves to a plan without a rate limit, so the tour is not throttled.
        tour.expect(200, "GET", "/admin/plans", admin.get("/admin/plans"));
        tour.expect(403, "GET", "/admin/plans", accountApi.get("/admin/plans"));
        tour.expect(201, "POST", "/admin/plans", admin.post("/admin/plans", planBody("docs-tour", null, 3)));
        tour.expect(409, "POST", "/admin/plans", admin.post("/admin/plans", planBody("docs-tour", null, 3)));
        tour.expect(400, "POST", "/admin/plans", admin.post("/admin/plans", planBody("docs-tour2", -1L, 3)));
        tour.expect(200, "GET", "/admin/plans/{plan}", admin.get("/admin/plans/docs-tour"));
        tour.expect(404, "GET", "/admin/plans/{plan}", admin.get("/admin/plans/gold"));
        var limits = planBody("x", 100_000L, 3);
        limits.remove("name");
        tour.expect(200, "PUT", "/admin/plans/{plan}", admin.put("/admin/plans/docs-tour", limits));
        tour.expect(404, "PUT", "/admin/plans/{plan}", admin.put("/admin/plans/gold", limits));
        tour.expect(400, "PUT", "/admin/plans/{plan}", admin.put("/admin/plans/docs-tour", Map.of()));
        String planPath = "/admin/accounts/" + accountId + "/plan";
        tour.expect(200, "PUT", "/admin/accounts/{account}/plan", admin.put(planPath, Map.of("plan", "docs-tour")));
        tour.expect(400, "PUT", "/admin/accounts/{account}/plan", admin.put(planPath, Map.of("plan", "gold")));
        tour.expect(404, "PUT", "/admin/accounts/{account}/plan",
                admin.put("/admin/accounts/acc_missing/plan", Map.of("plan", "pro")));

        // Sessions, with the new account's key.
        var created = tour.expect(201, "POST", "/v1/sessions", accountApi.post("/v1/sessions", Map.of(
                "name", "tour", "engine", "sandbox", "config", Map.of(
                        "webhooks", List.of(Map.of("url", "https://example.com/hook", "events", List.of("message"),
                                "hmac", Map.of("key", "secret"), "retries", Map.of("policy", "linear",
                                        "delaySeconds", 1, "attempts", 3),
                                "customHeaders", List.of(Map.of("name", "X-Token", "value", "t")))),
                        "metadata", Map.of("crm", "acme"), "proxy", "socks5://proxy.example.com:1080")))).json();
        var sessionApi = server.api(created.path("apiKey").asText());
        tour.expect(201, "POST", "/v1/sessions", accountApi.send("POST", "/v1/sessions", null, null));
        tour.expect(409, "POST", "/v1/sessions", accountApi.post("/v1/sessions", Map.of("name", "tour")));
        tour.expect(400, "POST", "/v1/sessions", accountApi.post("/v1/sessions", Map.of("name", "no spaces")));
        tour.expect(400, "POST", "/v1/sessions", accountApi.post("/v1/sessions", Map.of("engine", "nope")));
        tour.expect(400, "POST", "/v1/sessions", accountApi.send("POST", "/v1/sessions", "{\"name\":", "application/json"));
        tour.expect(403, "POST", "/v1/sessions", sessionApi.post("/v1/sessions", Map.of("name", "other")));
        tour.expect(200, "GET", "/v1/sessions", accountApi.get("/v1/sessions"));
        tour.expect(200, "GET", "/v1/sessions", sessionApi.get("/v1/sessions"));
        tour.expect(200, "GET", "/v1/sessions/{session}", accountApi.get("/v1/sessions/tour"));
        tour.expect(404, "GET", "/v1/sessions/{session}", accountApi.get("/v1/sessions/missing"));
        tour.expect(404, "GET", "/v1/sessions/{session}", admin.get("/v1/sessions/tour"));
        tour.expect(200, "PUT", "/v1/sessions/{session}", accountApi.put("/v1/sessions/tour",
                Map.of("config", Map.of("metadata", Map.of("crm", "other")))));
        tour.expect(400, "PUT", "/v1/sessions/{session}", accountApi.put("/v1/sessions/tour", Map.of()));
        tour.expect(404, "PUT", "/v1/sessions/{session}", accountApi.put("/v1/sessions/missing",
                Map.of("config", Map.of())));

        // Auth: QR code while waiting, then link by pairing code.
        awaitStatus(accountApi, "tour", "SCAN_QR_CODE");
        var base64 = tour.expect(200, "GET", "/v1/{session}/auth/qr", accountApi.get("/v1/tour/auth/qr")).json();
        assertThat(Base64.getDecoder().decode(base64.path("data").asText())).startsWith(0x89, 'P', 'N', 'G');
        tour.expect(200, "GET", "/v1/{session}/auth/qr", accountApi.get("/v1/tour/auth/qr?format=raw"));
        var png = tour.expect(200, "GET", "/v1/{session}/auth/qr", accountApi.get("/v1/tour/auth/qr?format=image"));
        assertThat(png.bytes()).startsWith(0x89, 'P', 'N', 'G');
        tour.expect(400, "GET", "/v1/{session}/auth/qr", accountApi.get("/v1/tour/auth/qr?format=svg"));
        tour.expect(404, "GET", "/v1/{session}/auth/qr", accountApi.get("/v1/missing/auth/qr"));
        tour.expect(400, "GET", "/v1/{session}/auth/pairing-code", accountApi.get("/v1/tour/auth/pairing-code"));
        tour.expect(400, "POST", "/v1/{session}/auth/pairing-code",
                accountApi.post("/v1/tour/auth/pairing-code", Map.of("phoneNumber", "12")));
        tour.expect(404, "POST", "/v1/{session}/auth/pairing-code",
                accountApi.post("/v1/missing/auth/pairing-code", Map.of("phoneNumber", "15550009001")));
        tour.expect(200, "GET", "/v1/{session}/auth/pairing-code",
                accountApi.get("/v1/tour/auth/pairing-code?phoneNumber=15550009001"));
        awaitStatus(accountApi, "tour", "WORKING");
        tour.expect(409, "GET", "/v1/{session}/auth/qr", accountApi.get("/v1/tour/auth/qr"));
        tour.expect(409, "POST", "/v1/{session}/auth/pairing-code",
                accountApi.post("/v1/tour/auth/pairing-code", Map.of("phoneNumber", "15550009001")));
        tour.expect(200, "GET", "/v1/sessions/{session}/me", accountApi.get("/v1/sessions/tour/me"));
        tour.expect(404, "GET", "/v1/sessions/{session}/me", accountApi.get("/v1/sessions/missing/me"));
        tour.expect(200, "GET", "/v1/sessions", accountApi.get("/v1/sessions"));

        // A second session for the lifecycle operations.
        tour.expect(201, "POST", "/v1/sessions", accountApi.post("/v1/sessions", Map.of("name", "tour2", "start", false)));
        tour.expect(200, "POST", "/v1/sessions/start", accountApi.post("/v1/sessions/start", Map.of("name", "tour2")));
        tour.expect(200, "POST", "/v1/{session}/auth/pairing-code",
                accountApi.post("/v1/tour2/auth/pairing-code", Map.of("phoneNumber", "+1 555 000 9002")));
        tour.expect(400, "POST", "/v1/sessions/start", accountApi.post("/v1/sessions/start", Map.of()));
        tour.expect(400, "POST", "/v1/sessions/start",
                accountApi.post("/v1/sessions/start", Map.of("name", "tour2", "logout", true)));
        tour.expect(404, "POST", "/v1/sessions/start", accountApi.post("/v1/sessions/start", Map.of("name", "missing")));
        tour.expect(200, "POST", "/v1/sessions/stop",
                accountApi.post("/v1/sessions/stop", Map.of("name", "tour2", "logout", false)));
        tour.expect(400, "POST", "/v1/sessions/stop", accountApi.send("POST", "/v1/sessions/stop", null, null));
        tour.expect(404, "POST", "/v1/sessions/stop", accountApi.post("/v1/sessions/stop", Map.of("name", "missing")));
        tour.expect(200, "POST", "/v1/sessions/logout", accountApi.post("/v1/sessions/logout", Map.of("name", "tour2")));
        tour.expect(400, "POST", "/v1/sessions/logout", accountApi.post("/v1/sessions/logout", Map.of("name", 5)));
        tour.expect(404, "POST", "/v1/sessions/logout", accountApi.post("/v1/sessions/logout", Map.of("name", "missing")));
        for (String action : List.of("start", "stop", "restart", "logout")) {
            String path = "/v1/sessions/{session}/" + action;
            tour.expect(200, "POST", path, accountApi.post("/v1/sessions/tour2/" + action, null));
            tour.expect(404, "POST", path, accountApi.post("/v1/sessions/missing/" + action, null));
        }
        var rotated = tour.expect(200, "POST", "/v1/sessions/{session}/api-key",
                accountApi.post("/v1/sessions/tour2/api-key", null)).json();
        assertThat(rotated.path("apiKey").asText()).isNotBlank();
        tour.expect(404, "POST", "/v1/sessions/{session}/api-key", accountApi.post("/v1/sessions/missing/api-key", null));
        tour.expect(204, "DELETE", "/v1/sessions/{session}", accountApi.delete("/v1/sessions/tour2"));
        tour.expect(204, "DELETE", "/v1/sessions/{session}", accountApi.delete("/v1/sessions/tour2"));
        tour.expect(401, "DELETE", "/v1/sessions/{session}", anonymous.delete("/v1/sessions/tour"));

        // Usage, and a refusal over the monthly quota.
        String usagePath = "/admin/accounts/" + accountId + "/usage";
        tour.expect(200, "GET", "/admin/accounts/{account}/usage", admin.get(usagePath));
        tour.expect(200, "GET", "/admin/accounts/{account}/usage", admin.get(usagePath + "?month=2026-01"));
        tour.expect(400, "GET", "/admin/accounts/{account}/usage", admin.get(usagePath + "?month=January"));
        tour.expect(404, "GET", "/admin/accounts/{account}/usage", admin.get("/admin/accounts/acc_missing/usage"));
        tour.expect(201, "POST", "/admin/plans", admin.post("/admin/plans", planBody("docs-none", 0L, 0)));
        tour.expect(200, "PUT", "/admin/accounts/{account}/plan", admin.put(planPath, Map.of("plan", "docs-none")));
        var refused = tour.expect(429, "GET", "/v1/sessions", accountApi.get("/v1/sessions"));
        assertThat(refused.header("Retry-After")).isNotBlank();
        tour.expect(429, "POST", "/v1/sessions", accountApi.post("/v1/sessions", Map.of("name", "over")));

        var withoutSuccess = new TreeSet<String>();
        for (String operation : contract.operations()) {
            var node = contract.operation(operation.substring(0, operation.indexOf(' ')),
                    operation.substring(operation.indexOf(' ') + 1));
            boolean toured = false;
            for (var tag : node.path("tags")) {
                toured |= TAGS.contains(tag.asText());
            }
            if (toured && !tour.succeeded.contains(operation)) {
                withoutSuccess.add(operation);
            }
        }
        assertThat(withoutSuccess).as("operations tagged " + TAGS + " that the tour never saw succeed; "
                + "extend the tour when adding routes with these tags").isEmpty();
    }

    /** A plan without a rate limit and with a hard monthly quota (null: none). */
    private static Map<String, Object> planBody(String name, Long perMonth, int sessions) {
        var body = new java.util.HashMap<String, Object>();
        body.put("name", name);
        body.put("requestsPerMonth", perMonth);
        body.put("requestsPerSecond", null);
        body.put("maxSessions", sessions);
        body.put("overage", false);
        return body;
    }

    private static void awaitStatus(Api api, String session, String status) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25))
                .until(() -> api.get("/v1/sessions/" + session).json().path("status").asText(), status::equals);
    }

    /** Checks each answer against the document and remembers which operations have succeeded. */
    private static final class Tour {
        final Set<String> succeeded = new HashSet<>();

        Api.Response expect(int status, String method, String path, Api.Response response) {
            assertThat(response.status()).as(method + " " + path + " -> " + response).isEqualTo(status);
            contract.assertConforms(method, path, response);
            if (status / 100 == 2) {
                succeeded.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
            return response;
        }
    }
}
