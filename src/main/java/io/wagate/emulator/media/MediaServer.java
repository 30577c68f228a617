package io.wagate.emulator.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.wagate.wa.binary.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * WhatsApp's media hosts on loopback over HTTPS: {@code POST /mms/{type}/{fileEncSha256}?auth=…&token=…} takes an
 * encrypted file (the body's SHA-256 must match the token, as it names the file) and answers its {@code url} and
 * {@code direct_path}; {@code GET} of that path gives the bytes back. The {@code media_conn} IQ names this host
 * and the upload auth. Files live in memory for the emulator's lifetime.
 */
public final class MediaServer implements AutoCloseable {
    /** Bigger than any file wagate sends (its upload limit), small enough for memory. */
    static final int MAX_BYTES = 128 * 1024 * 1024;
    private static final Pattern UPLOAD = Pattern.compile("/mms/(image|video|audio|document)/([A-Za-z0-9_-]{43})");
    private static final String DOWNLOAD_PREFIX = "/v/t62.7118-24/";

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Path dir;
    private final Path caPem;
    private final String auth;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicLong uploads = new AtomicLong();
    private final AtomicLong downloads = new AtomicLong();

    private MediaServer(HttpsServer server, ExecutorService executor, Path dir, Path caPem) {
        this.server = server;
        this.executor = executor;
        this.dir = dir;
        this.caPem = caPem;
        this.auth = Base64.getEncoder().encodeToString(randomBytes(24));
        server.createContext("/", this::handle);
    }

    /** Generates the certificate and listens on 127.0.0.1 at a free port. */
    public static MediaServer start() {
        try {
            Path dir = Files.createTempDirectory("wagate-emulator-media");
            var certificate = MediaCertificate.generate(dir);
            var server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.sslContext()));
            var executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            var media = new MediaServer(server, executor, dir, certificate.caPem());
            server.start();
            return media;
        } catch (IOException e) {
            throw new UncheckedIOException("the emulator's media host cannot start", e);
        }
    }

    /** host:port, as {@code media_conn} names it and URLs carry it. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The certificate a client must trust for this host, as PEM ({@code NODE_EXTRA_CA_CERTS} for Node). */
    public Path caPem() {
        return caPem;
    }

    public long uploads() {
        return uploads.get();
    }

    public long downloads() {
        return downloads.get();
    }

    /** The {@code media_conn} answer, read by Baileys' refreshMediaConn. */
    public Node mediaConn() {
        return new Node("media_conn", Node.attrsOf("auth", auth, "ttl", "3600", "auth_ttl", "21600", "max_buckets", "12"),
                List.of(new Node("host", Node.attrsOf("hostname", host(), "maxContentLengthBytes", Integer.toString(MAX_BYTES)))));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            var upload = UPLOAD.matcher(path);
            if (exchange.getRequestMethod().equals("POST") && upload.matches()) {
                upload(exchange, upload.group(2));
            } else if (exchange.getRequestMethod().equals("GET") && path.startsWith(DOWNLOAD_PREFIX)) {
                download(exchange, path);
            } else {
                reply(exchange, 404, Map.of("error", "not found"));
            }
        }
    }

    private void upload(HttpExchange exchange, String token) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!auth.equals(query.get("auth"))) {
            reply(exchange, 401, Map.of("error", "bad auth"));
            return;
        }
        byte[] body = readAtMost(exchange.getRequestBody(), MAX_BYTES);
        if (body == null) {
            reply(exchange, 413, Map.of("error", "file too large"));
            return;
        }
        if (!token.equals(query.get("token")) || !token.equals(sha256Url(body))) {
            reply(exchange, 400, Map.of("error", "the token is not the file's SHA-256"));
            return;
        }
        String directPath = DOWNLOAD_PREFIX + HexFormat.of().formatHex(randomBytes(16)) + ".enc";
        files.put(directPath, body);
        uploads.incrementAndGet();
        reply(exchange, 200, Map.of("url", "https://" + host() + directPath, "direct_path", directPath));
    }

    private void download(HttpExchange exchange, String path) throws IOException {
        byte[] file = files.get(path);
        if (file == null) {
            reply(exchange, 404, Map.of("error", "no such file"));
            return;
        }
        downloads.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, file.length);
        exchange.getResponseBody().write(file);
    }

    private void reply(HttpExchange exchange, int status, Map<String, String> json) throws IOException {
        byte[] body = mapper.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? null : bytes;
    }

    /** The file hash as Baileys writes it into the upload URL: base64url without padding. */
    static String sha256Url(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        var params = new HashMap<String, String>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
        files.clear();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
