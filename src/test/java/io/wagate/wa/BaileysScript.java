package io.wagate.wa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagate.wa.binary.Node;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node process running a script of src/test/node/wa against the bridge's own Baileys; requests and answers
 * are JSON lines (see harness.mjs). One per test class: start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
public final class BaileysScript implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    private BaileysScript(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static BaileysScript start(String script) {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("bridge/node_modules/baileys"))) {
            throw new IllegalStateException("bridge/node_modules is missing: run `cd bridge && npm ci` (./wagate test does)");
        }
        String node = System.getenv().getOrDefault("WAGATE_NODE", "node");
        try {
            Process p = new ProcessBuilder(node, root.resolve("src/test/node/wa/" + script).toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new BaileysScript(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {"op": op, ...fields} and returns the answer's "ok" value; an "error" answer fails. */
    public synchronized JsonNode call(String op, Map<String, ?> fields) {
        ObjectNode req = JSON.createObjectNode().put("op", op);
        fields.forEach((k, v) -> req.set(k, JSON.valueToTree(v)));
        try {
            in.write(JSON.writeValueAsString(req));
            in.newLine();
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the node script ended");
            }
            JsonNode answer = JSON.readTree(line);
            if (answer.has("error")) {
                throw new ScriptError(answer.get("error").asText());
            }
            return answer.get("ok");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode call(String op) {
        return call(op, Map.of());
    }

    /** An error Baileys threw. */
    public static final class ScriptError extends RuntimeException {
        ScriptError(String message) {
            super(message);
        }
    }

    public static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    public static byte[] bytes(JsonNode hex) {
        return HEX.parseHex(hex.asText());
    }

    public static Object nodeToJson(Node n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tag", n.tag());
        m.put("attrs", n.attrs());
        m.put("content", switch (n.content()) {
            case null -> null;
            case byte[] b -> Map.of("bytes", hex(b));
            case String s -> Map.of("string", s);
            default -> n.children().stream().map(BaileysScript::nodeToJson).toList();
        });
        return m;
    }

    public static Node nodeFromJson(JsonNode j) {
        Map<String, String> attrs = new LinkedHashMap<>();
        j.get("attrs").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
        JsonNode c = j.get("content");
        Object content;
        if (c == null || c.isNull()) {
            content = null;
        } else if (c.isArray()) {
            List<Node> children = new ArrayList<>();
            c.forEach(child -> children.add(nodeFromJson(child)));
            content = children;
        } else if (c.has("string")) {
            content = c.get("string").asText();
        } else {
            content = bytes(c.get("bytes"));
        }
        return new Node(j.get("tag").asText(), attrs, content);
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (IOException | InterruptedException e) {
            process.destroy();
        }
    }
}
