package io.wagate.http.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.error.ApiException;
import io.wagate.http.RouteGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The API's own description: the OpenAPI document at {@code /openapi.json} and Swagger UI at
 * {@code /docs}, whose scripts and styles come from the swagger-ui webjar on the classpath. No key
 * is needed for any of them. Every route registered here is described in the document as well.
 */
public final class DocsRoutes implements RouteGroup {
    static final String DOCUMENT_RESOURCE = "/openapi.json";
    /** Where the webjar names its own version, so the version lives only in pom.xml. */
    static final String WEBJAR_POM_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** A plain file name of the webjar's directory: no slashes, no leading dot (so never "." or ".."). */
    private static final Pattern ASSET_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+$");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "png", "image/png",
            "txt", "text/plain; charset=utf-8",
            "map", "application/json");

    private final byte[] document;
    private final String assetRoot;
    private final String webjarVersion;
    private final String page;

    public DocsRoutes() {
        this.webjarVersion = readWebjarVersion();
        this.assetRoot = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion + "/";
        this.document = readDocument();
        this.page = swaggerPage(webjarVersion);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
        routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
        routes.get("/docs/assets/{file}", this::asset);
    }

    /** The swagger-ui version the page loads (the webjar's own, from its pom.properties). */
    public String webjarVersion() {
        return webjarVersion;
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String extension = file.substring(file.lastIndexOf('.') + 1);
        String contentType = CONTENT_TYPES.get(extension);
        InputStream in = !ASSET_NAME.matcher(file).matches() || contentType == null ? null
                : DocsRoutes.class.getResourceAsStream(assetRoot + file);
        if (in == null) {
            throw ApiException.notFound("no Swagger UI asset named '" + file + "'");
        }
        // The page asks for ?v=<webjar version>, so a cached copy never outlives an upgrade.
        ctx.header("Cache-Control", "public, max-age=86400").contentType(contentType).result(in);
    }

    private static String readWebjarVersion() {
        try (var in = DocsRoutes.class.getResourceAsStream(WEBJAR_POM_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the classpath ("
                        + WEBJAR_POM_PROPERTIES + " is missing); /docs cannot be served");
            }
            var properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || !version.matches("[0-9A-Za-z.+-]+")) {
                throw new IllegalStateException(WEBJAR_POM_PROPERTIES + " names no usable version: " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as shipped, checked once at start-up, with info.version set to this build's version. */
    private static byte[] readDocument() {
        try (var in = DocsRoutes.class.getResourceAsStream(DOCUMENT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT_RESOURCE + " is missing from the classpath");
            }
            var mapper = new ObjectMapper();
            var tree = mapper.readTree(in);
            if (!(tree instanceof ObjectNode root) || !root.path("openapi").asText().startsWith("3.")) {
                throw new IllegalStateException(DOCUMENT_RESOURCE + " is not an OpenAPI 3 document");
            }
            String version = DocsRoutes.class.getPackage().getImplementationVersion();
            if (version != null && root.get("info") instanceof ObjectNode info) {
                info.put("version", version);
            }
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(DOCUMENT_RESOURCE + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String swaggerPage(String version) {
        String page = """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>wagate API - Swagger UI</title>
                  <link rel="stylesheet" href="/docs/assets/swagger-ui.css?v=@VERSION@">
                  <link rel="icon" type="image/png" sizes="32x32" href="/docs/assets/favicon-32x32.png?v=@VERSION@">
                  <style>body { margin: 0; } .swagger-ui .topbar .download-url-wrapper { display: none; }</style>
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="/docs/assets/swagger-ui-bundle.js?v=@VERSION@"></script>
                  <script src="/docs/assets/swagger-ui-standalone-preset.js?v=@VERSION@"></script>
                  <script>
                    window.ui = SwaggerUIBundle({
                      url: "/openapi.json",
                      dom_id: "#swagger-ui",
                      deepLinking: true,
                      persistAuthorization: true,
                      displayRequestDuration: true,
                      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                      plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                      layout: "StandaloneLayout"
                    });
                  </script>
                </body>
                </html>
                """;
        return page.replace("@VERSION@", version);
    }
}
