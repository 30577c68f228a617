package io.wagate.config;

import java.net.URI;
import io.wagate.net.Cidr;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Everything the server reads from its environment, parsed once at start-up.
 * Tests build one directly instead of touching the process environment.
 */
public record Config(
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        String defaultEngine,
        Optional<String> adminKey,
        long maxJsonBodyBytes,
        SandboxConfig sandbox,
        MediaConfig media,
        StreamConfig stream,
        MetricsConfig metrics,
        BaileysConfig baileys,
        WebhookSettings webhooks,
        HttpSettings http,
        NetConfig net,
        Optional<ClusterConfig> cluster,
        MediaStoreConfig mediaStore) {

    /**
     * Cluster mode (README "Running several nodes"): on when {@code WAGATE_CLUSTER_NODE_NAME} is set, which
     * needs a PostgreSQL store that every node shares and a secret the nodes share. {@code advertiseUrl} is
     * how the other nodes reach this one (empty: {@code http://127.0.0.1:<port>}); {@code maxSessions} 0 is
     * no limit; a session whose owner did not renew its lease for {@code lease} is taken over by another node.
     */
    public record ClusterConfig(String nodeName, Optional<URI> advertiseUrl, String secret, int maxSessions,
                                Duration lease) {
        private static final Pattern NODE_NAME = Pattern.compile("^[A-Za-z0-9._-]{1,100}$");
        private static final int MIN_SECRET_LENGTH = 16;

        public ClusterConfig {
            if (!NODE_NAME.matcher(nodeName).matches()) {
                throw new ConfigException("WAGATE_CLUSTER_NODE_NAME must be 1 to 100 letters, digits, '.', '_' or '-'");
            }
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new ConfigException("WAGATE_CLUSTER_SECRET must be at least " + MIN_SECRET_LENGTH + " characters");
            }
        }

        static Optional<ClusterConfig> read(EnvReader reader, Optional<String> databaseUrl) {
            var nodeName = reader.optional("WAGATE_CLUSTER_NODE_NAME");
            if (nodeName.isEmpty()) {
                return Optional.empty();
            }
            if (databaseUrl.filter(url -> url.startsWith("jdbc:postgresql:")).isEmpty()) {
                throw new ConfigException("WAGATE_CLUSTER_NODE_NAME is set, but the store is SQLite: cluster mode "
                        + "needs a PostgreSQL WAGATE_DATABASE_URL that every node shares (SQLite is one process's file)");
            }
            var secret = reader.optional("WAGATE_CLUSTER_SECRET").orElseThrow(() -> new ConfigException(
                    "WAGATE_CLUSTER_SECRET is required in cluster mode (WAGATE_CLUSTER_NODE_NAME is set): "
                            + "the nodes authenticate each other with it"));
            var advertise = reader.optional("WAGATE_CLUSTER_ADVERTISE_URL").map(raw -> {
                try {
                    var uri = new URI(raw);
                    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                        throw new ConfigException("WAGATE_CLUSTER_ADVERTISE_URL must be an http:// or https:// URL, got '"
                                + raw + "'");
                    }
                    return uri;
                } catch (java.net.URISyntaxException e) {
                    throw new ConfigException("WAGATE_CLUSTER_ADVERTISE_URL is not a URL: '" + raw + "'");
                }
            });
            return Optional.of(new ClusterConfig(nodeName.get(), advertise, secret,
                    reader.integer("WAGATE_CLUSTER_MAX_SESSIONS", 0, 0, Integer.MAX_VALUE),
                    Duration.ofMillis(reader.integer("WAGATE_CLUSTER_LEASE_MS", 15_000, 1_000, 600_000))));
        }

        /** The URL the other nodes use: the configured one, or this host's loopback at the listening port. */
        public URI advertiseUrl(int port) {
            return advertiseUrl.orElse(URI.create("http://127.0.0.1:" + port));
        }
    }

    /**
     * The HTTP server's connections: how long a stop waits for requests in flight ({@code shutdownGrace}),
     * how long a client may take to send a request's headers and how long a connection may sit idle, the
     * accept backlog, and how many connections one client address may hold open at once.
     */
    public record HttpSettings(Duration shutdownGrace, Duration headerTimeout, Duration idleTimeout,
                               int acceptBacklog, int maxConnectionsPerIp) {
        public static HttpSettings defaults() {
            return new HttpSettings(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(60), 1024,
                    512);
        }

        public HttpSettings withShutdownGrace(Duration grace) {
            return new HttpSettings(grace, headerTimeout, idleTimeout, acceptBacklog, maxConnectionsPerIp);
        }

        public HttpSettings withConnections(Duration newHeaderTimeout, int newMaxConnectionsPerIp) {
            return new HttpSettings(shutdownGrace, newHeaderTimeout, idleTimeout, acceptBacklog, newMaxConnectionsPerIp);
        }

        private static HttpSettings read(EnvReader reader) {
            var d = defaults();
            return new HttpSettings(
                    Duration.ofSeconds(reader.integer("WAGATE_SHUTDOWN_GRACE_S", (int) d.shutdownGrace.toSeconds(),
                            0, 3600)),
                    Duration.ofSeconds(reader.integer("WAGATE_HTTP_HEADER_TIMEOUT_S", (int) d.headerTimeout.toSeconds(),
                            1, 3600)),
                    Duration.ofSeconds(reader.integer("WAGATE_HTTP_IDLE_TIMEOUT_S", (int) d.idleTimeout.toSeconds(),
                            1, 86_400)),
                    reader.integer("WAGATE_HTTP_ACCEPT_BACKLOG", d.acceptBacklog, 1, 65_535),
                    reader.integer("WAGATE_HTTP_MAX_CONNECTIONS_PER_IP", d.maxConnectionsPerIp, 1, 1_000_000));
        }
    }


    /**
     * The network edges: the address the server listens on (empty: every interface) and the ranges no URL a
     * client gives may reach, whoever asks (webhooks, file.url, link previews).
     */
    public record NetConfig(Optional<String> bind, List<Cidr> denyTargets) {
        public static NetConfig defaults() {
            return new NetConfig(Optional.empty(), List.of());
        }

        private static NetConfig read(EnvReader reader) {
            var bind = reader.optional("WAGATE_BIND");
            bind.ifPresent(address -> {
                try {
                    InetAddress.ofLiteral(address);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("WAGATE_BIND must be an IP address of this host (0.0.0.0, 127.0.0.1, "
                            + "::), got '" + address + "'");
                }
            });
            try {
                return new NetConfig(bind, Cidr.parseAll(reader.string("WAGATE_DENY_TARGETS", "")));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("WAGATE_DENY_TARGETS must be a comma-separated list of IP addresses and "
                        + "CIDR ranges: " + e.getMessage());
            }
        }
    }

    /** Behaviour of the simulated network; the timings are tunable so tests need not wait 100 s for a QR timeout. */
    public record SandboxConfig(Duration linkDelay, Duration qrInterval, int qrAttempts) {
        /** A link delay below zero means "never link by itself": the session waits for a pairing code. */
        public boolean autoLink() {
            return !linkDelay.isNegative();
        }
    }

    /**
     * Media intake: per-kind size limits (bytes, so tests can use tiny ones; set in MiB by the environment),
     * whether URL downloads may reach private, loopback and link-local addresses for every caller (admins
     * always may), and how long a download may wait on its server.
     */
    public record MediaConfig(long maxImageBytes, long maxVideoBytes, long maxAudioBytes, long maxDocumentBytes,
                              boolean allowPrivateTargets, Duration downloadTimeout) {
        public static final long MB = 1024 * 1024;

        /**
         * The JSON limit of media send routes: the largest file as base64 (4 bytes per 3) plus room for
         * the other fields. Such a body is held in memory while it is parsed.
         */
        public long maxJsonBodyBytes() {
            long largest = Math.max(Math.max(maxImageBytes, maxVideoBytes), Math.max(maxAudioBytes, maxDocumentBytes));
            return largest / 3 * 4 + 64 * 1024;
        }

        public static MediaConfig defaults() {
            return new MediaConfig(16 * MB, 64 * MB, 16 * MB, 100 * MB, false, Duration.ofSeconds(30));
        }

        public MediaConfig withAllowPrivateTargets(boolean allow) {
            return new MediaConfig(maxImageBytes, maxVideoBytes, maxAudioBytes, maxDocumentBytes, allow,
                    downloadTimeout);
        }

        private static MediaConfig read(EnvReader reader) {
            var defaults = defaults();
            return new MediaConfig(
                    reader.integer("WAGATE_MEDIA_MAX_IMAGE_MB", (int) (defaults.maxImageBytes / MB), 1, 2047) * MB,
                    reader.integer("WAGATE_MEDIA_MAX_VIDEO_MB", (int) (defaults.maxVideoBytes / MB), 1, 2047) * MB,
                    reader.integer("WAGATE_MEDIA_MAX_AUDIO_MB", (int) (defaults.maxAudioBytes / MB), 1, 2047) * MB,
                    reader.integer("WAGATE_MEDIA_MAX_DOCUMENT_MB", (int) (defaults.maxDocumentBytes / MB), 1, 2047) * MB,
                    reader.bool("WAGATE_ALLOW_PRIVATE_TARGETS", defaults.allowPrivateTargets),
                    Duration.ofSeconds(reader.integer("WAGATE_MEDIA_DOWNLOAD_TIMEOUT_S",
                            (int) defaults.downloadTimeout.toSeconds(), 1, 3600)));
        }
    }

    /**
     * The WebSocket stream: how many frames one client may have waiting before it counts as too slow
     * and is disconnected (a bound per client, so a stalled reader never costs unbounded memory).
     */
    public record StreamConfig(int queueFrames) {
        public static StreamConfig defaults() {
            return new StreamConfig(256);
        }

        private static StreamConfig read(EnvReader reader) {
            return new StreamConfig(reader.integer("WAGATE_WS_QUEUE_FRAMES", defaults().queueFrames, 1, 1_000_000));
        }
    }

    /** {@code /metrics}: besides the admin key, a scrape token that Prometheus sends as a Bearer token. */
    public record MetricsConfig(Optional<String> token) {
        public static MetricsConfig defaults() {
            return new MetricsConfig(Optional.empty());
        }

        private static MetricsConfig read(EnvReader reader) {
            return new MetricsConfig(reader.optional("WAGATE_METRICS_TOKEN"));
        }
    }

    public static final String DEFAULT_ENGINE = "baileys";

    /**
     * The Baileys bridge: where its Node package is and which node runs it; {@code wsUrl} points Baileys
     * elsewhere than WhatsApp (tests use a closed port); timings of requests, health pings and session
     * reconnects; {@code trustRoot} (tests only) a Noise root key the bridge accepts instead of WhatsApp's;
     * the WhatsApp Web version: {@code waVersion} pins one, else it is read from {@code waVersionUrl};
     * {@code keepAlive} Baileys' ping interval to WhatsApp;
     * {@code caCerts} (tests) a PEM file of certificates the bridge trusts besides Node's (NODE_EXTRA_CA_CERTS).
     */
    public record BaileysConfig(Path bridgeDir, String node, Optional<String> wsUrl, int bridges,
                                Duration requestTimeout, Duration pingInterval, Duration reconnectMin,
                                Duration reconnectMax, Optional<String> trustRoot, Optional<String> waVersion,
                                URI waVersionUrl, Duration keepAlive,
                                Optional<Path> caCerts) {
        private static final Pattern PUBLIC_KEY = Pattern.compile("(05)?[0-9a-fA-F]{64}");
        private static final Pattern VERSION = Pattern.compile("\\d{1,9}\\.\\d{1,9}\\.\\d{1,10}");
        public static final URI WA_VERSION_URL = URI.create("https://web.whatsapp.com/sw.js");

        public BaileysConfig {
            if (trustRoot.isPresent() && !PUBLIC_KEY.matcher(trustRoot.get()).matches()) {
                throw new ConfigException("WAGATE_BAILEYS_TRUST_ROOT must be a Curve25519 public key in hex "
                        + "(64 hex digits), got '" + trustRoot.get() + "'");
            }
            if (caCerts.isPresent() && !Files.isReadable(caCerts.get())) {
                throw new ConfigException("WAGATE_BAILEYS_CA_CERTS must name a readable PEM file, got '"
                        + caCerts.get() + "'");
            }
            if (waVersion.isPresent() && !VERSION.matcher(waVersion.get()).matches()) {
                throw new ConfigException("WAGATE_WA_VERSION must look like 2.3000.1023456789, got '"
                        + waVersion.get() + "'");
            }
            if (!"http".equals(waVersionUrl.getScheme()) && !"https".equals(waVersionUrl.getScheme())
                    || waVersionUrl.getHost() == null) {
                throw new ConfigException("WAGATE_WA_VERSION_URL must be an http(s) URL, got '" + waVersionUrl + "'");
            }
        }

        public static BaileysConfig defaults() {
            return new BaileysConfig(Path.of("bridge").toAbsolutePath().normalize(), "node", Optional.empty(), 1,
                    Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(60),
                    Optional.empty(), Optional.empty(), WA_VERSION_URL, Duration.ofSeconds(30),
                    Optional.empty());
        }

        public BaileysConfig withWsUrl(String url) {
            return new BaileysConfig(bridgeDir, node, Optional.of(url), bridges, requestTimeout, pingInterval,
                    reconnectMin, reconnectMax, trustRoot, waVersion, waVersionUrl, keepAlive, caCerts);
        }

        public BaileysConfig withTimings(Duration newRequestTimeout, Duration newPingInterval, Duration newReconnectMin,
                                         Duration newReconnectMax) {
            return new BaileysConfig(bridgeDir, node, wsUrl, bridges, newRequestTimeout, newPingInterval,
                    newReconnectMin, newReconnectMax, trustRoot, waVersion, waVersionUrl, keepAlive, caCerts);
        }

        public BaileysConfig withNode(Path newBridgeDir, String newNode) {
            return new BaileysConfig(newBridgeDir, newNode, wsUrl, bridges, requestTimeout, pingInterval,
                    reconnectMin, reconnectMax, trustRoot, waVersion, waVersionUrl, keepAlive, caCerts);
        }

        public BaileysConfig withTrustRoot(String hex) {
            return new BaileysConfig(bridgeDir, node, wsUrl, bridges, requestTimeout, pingInterval,
                    reconnectMin, reconnectMax, Optional.of(hex), waVersion, waVersionUrl, keepAlive, caCerts);
        }

        /** How often Baileys pings WhatsApp; a connection silent for this plus 5 s is taken as lost. */
        public BaileysConfig withKeepAlive(Duration interval) {
            return new BaileysConfig(bridgeDir, node, wsUrl, bridges, requestTimeout, pingInterval,
                    reconnectMin, reconnectMax, trustRoot, waVersion, waVersionUrl, interval, caCerts);
        }

        /** Extra CA certificates (PEM) the bridge trusts besides Node's own, for a local media host (tests). */
        public BaileysConfig withCaCerts(Path pem) {
            return new BaileysConfig(bridgeDir, node, wsUrl, bridges, requestTimeout, pingInterval,
                    reconnectMin, reconnectMax, trustRoot, waVersion, waVersionUrl, keepAlive, Optional.of(pem));
        }

        /** {@code pinned} empty: the version is read from {@code url}. */
        public BaileysConfig withWaVersion(Optional<String> pinned, URI url) {
            return new BaileysConfig(bridgeDir, node, wsUrl, bridges, requestTimeout, pingInterval,
                    reconnectMin, reconnectMax, trustRoot, pinned, url, keepAlive, caCerts);
        }

        private static BaileysConfig read(EnvReader reader) {
            var d = defaults();
            int reconnectMin = reader.integer("WAGATE_BAILEYS_RECONNECT_MIN_MS", (int) d.reconnectMin.toMillis(), 10,
                    3_600_000);
            String versionUrl = reader.string("WAGATE_WA_VERSION_URL", WA_VERSION_URL.toString());
            URI parsedUrl;
            try {
                parsedUrl = new URI(versionUrl);
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException("WAGATE_WA_VERSION_URL must be an http(s) URL, got '" + versionUrl + "'");
            }
            return new BaileysConfig(
                    Path.of(reader.string("WAGATE_BRIDGE_DIR", d.bridgeDir.toString())).toAbsolutePath().normalize(),
                    reader.string("WAGATE_NODE", d.node),
                    reader.optional("WAGATE_BAILEYS_WS_URL"),
                    reader.integer("WAGATE_BAILEYS_BRIDGES", d.bridges, 1, 64),
                    Duration.ofMillis(reader.integer("WAGATE_BAILEYS_RPC_TIMEOUT_MS",
                            (int) d.requestTimeout.toMillis(), 100, 3_600_000)),
                    Duration.ofMillis(reader.integer("WAGATE_BAILEYS_PING_INTERVAL_MS",
                            (int) d.pingInterval.toMillis(), 100, 3_600_000)),
                    Duration.ofMillis(reconnectMin),
                    Duration.ofMillis(reader.integer("WAGATE_BAILEYS_RECONNECT_MAX_MS",
                            (int) d.reconnectMax.toMillis(), reconnectMin, 3_600_000)),
                    reader.optional("WAGATE_BAILEYS_TRUST_ROOT"),
                    reader.optional("WAGATE_WA_VERSION"),
                    parsedUrl,
                    Duration.ofMillis(reader.integer("WAGATE_BAILEYS_KEEPALIVE_MS", (int) d.keepAlive.toMillis(), 1000,
                            3_600_000)),

                    reader.optional("WAGATE_BAILEYS_CA_CERTS").map(Path::of));
        }
    }

    /**
     * Webhook delivery: the optional server-wide webhook every session's events go to (single-user set-ups;
     * {@code events} and the URL are checked when the server starts), how long one request may take, how many
     * requests may be in flight to one webhook URL, and how long finished deliveries are kept.
     */
    public record WebhookSettings(Optional<String> url, List<String> events, Optional<String> hmacKey,
                                  Duration timeout, int concurrencyPerTarget, Duration retention,
                                  Duration deadLetterRetention) {
        public WebhookSettings {
            events = List.copyOf(events);
        }

        public static WebhookSettings defaults() {
            return new WebhookSettings(Optional.empty(), List.of(), Optional.empty(), Duration.ofSeconds(10), 16,
                    Duration.ofDays(7), Duration.ofDays(30));
        }

        public WebhookSettings withServerWebhook(String newUrl, List<String> newEvents, String newHmacKey) {
            return new WebhookSettings(Optional.ofNullable(newUrl), newEvents, Optional.ofNullable(newHmacKey),
                    timeout, concurrencyPerTarget, retention, deadLetterRetention);
        }

        public WebhookSettings withTimeout(Duration newTimeout) {
            return new WebhookSettings(url, events, hmacKey, newTimeout, concurrencyPerTarget, retention,
                    deadLetterRetention);
        }

        private static WebhookSettings read(EnvReader reader) {
            var defaults = defaults();
            var events = reader.optional("WAGATE_WEBHOOK_EVENTS").stream()
                    .flatMap(list -> Arrays.stream(list.split(","))).map(String::trim).filter(e -> !e.isEmpty())
                    .toList();
            return new WebhookSettings(
                    reader.optional("WAGATE_WEBHOOK_URL"),
                    events,
                    reader.optional("WAGATE_WEBHOOK_HMAC_KEY"),
                    Duration.ofMillis(reader.integer("WAGATE_WEBHOOK_TIMEOUT_MS",
                            (int) defaults.timeout.toMillis(), 100, 600_000)),
                    reader.integer("WAGATE_WEBHOOK_CONCURRENCY_PER_TARGET", defaults.concurrencyPerTarget, 1, 256),
                    Duration.ofDays(reader.integer("WAGATE_WEBHOOK_RETENTION_DAYS",
                            (int) defaults.retention.toDays(), 0, 3650)),
                    Duration.ofDays(reader.integer("WAGATE_WEBHOOK_DEAD_LETTER_RETENTION_DAYS",
                            (int) defaults.deadLetterRetention.toDays(), 0, 3650)));
        }
    }

    public static Config fromEnvironment(Map<String, String> env) {
        var reader = new EnvReader(env);
        var cluster = ClusterConfig.read(reader, reader.optional("WAGATE_DATABASE_URL"));
        var mediaStore = MediaStoreConfig.read(reader);
        requireSharedMedia(cluster, mediaStore);
        return new Config(
                reader.integer("WAGATE_PORT", 3000, 0, 65535),
                Path.of(reader.string("WAGATE_DATA_DIR", "./data")).toAbsolutePath().normalize(),
                reader.optional("WAGATE_DATABASE_URL"),
                reader.string("WAGATE_ENGINE", DEFAULT_ENGINE),
                reader.optional("WAGATE_ADMIN_KEY"),
                reader.integer("WAGATE_MAX_JSON_BODY_BYTES", 1024 * 1024, 1024, Integer.MAX_VALUE),
                new SandboxConfig(
                        Duration.ofMillis(reader.integer("WAGATE_SANDBOX_LINK_DELAY_MS", 2000, -1, Integer.MAX_VALUE)),
                        Duration.ofMillis(reader.integer("WAGATE_SANDBOX_QR_INTERVAL_MS", 20_000, 50, Integer.MAX_VALUE)),
                        reader.integer("WAGATE_SANDBOX_QR_ATTEMPTS", 5, 1, 1000)),
                MediaConfig.read(reader),
                StreamConfig.read(reader),
                MetricsConfig.read(reader),
                BaileysConfig.read(reader),
                WebhookSettings.read(reader),
                HttpSettings.read(reader),
                NetConfig.read(reader),
                cluster,
                mediaStore);
    }

    /** Refused before anything starts: a cluster whose media each node keeps to itself. */
    public void requireSharedMedia() {
        requireSharedMedia(cluster, mediaStore);
    }

    private static void requireSharedMedia(Optional<ClusterConfig> cluster, MediaStoreConfig mediaStore) {
        if (cluster.isPresent() && mediaStore instanceof MediaStoreConfig.Local) {
            throw new ConfigException("WAGATE_MEDIA_STORE=s3 is required in cluster mode (WAGATE_CLUSTER_NODE_NAME "
                    + "is set): media kept in one node's data dir cannot be downloaded through the other nodes, nor "
                    + "once that node is gone");
        }
    }

    public Config withPort(int newPort) {
        return edit(e -> e.port = newPort);
    }

    public Config withDatabaseUrl(Optional<String> newDatabaseUrl) {
        return edit(e -> e.databaseUrl = newDatabaseUrl);
    }

    public Config withSandbox(SandboxConfig newSandbox) {
        return edit(e -> e.sandbox = newSandbox);
    }

    public Config withMedia(MediaConfig newMedia) {
        return edit(e -> e.media = newMedia);
    }

    public Config withStream(StreamConfig newStream) {
        return edit(e -> e.stream = newStream);
    }

    public Config withMetrics(MetricsConfig newMetrics) {
        return edit(e -> e.metrics = newMetrics);
    }

    public Config withBaileys(BaileysConfig newBaileys) {
        return edit(e -> e.baileys = newBaileys);
    }

    public Config withDefaultEngine(String engine) {
        return edit(e -> e.defaultEngine = engine);
    }

    public Config withWebhooks(WebhookSettings newWebhooks) {
        return edit(e -> e.webhooks = newWebhooks);
    }

    public Config withHttp(HttpSettings newHttp) {
        return edit(e -> e.http = newHttp);
    }

    public Config withNet(NetConfig newNet) {
        return edit(e -> e.net = newNet);
    }

    public Config withCluster(Optional<ClusterConfig> newCluster) {
        return edit(e -> e.cluster = newCluster);
    }

    public Config withMediaStore(MediaStoreConfig newMediaStore) {
        return edit(e -> e.mediaStore = newMediaStore);
    }

    private Config edit(Consumer<Editor> change) {
        var editor = new Editor(this);
        change.accept(editor);
        return editor.build();
    }

    /** A mutable copy, so that each {@code with…} names only what it changes and a new setting is added once. */
    private static final class Editor {
        int port;
        Path dataDir;
        Optional<String> databaseUrl;
        String defaultEngine;
        Optional<String> adminKey;
        long maxJsonBodyBytes;
        SandboxConfig sandbox;
        MediaConfig media;
        StreamConfig stream;
        MetricsConfig metrics;
        BaileysConfig baileys;
        WebhookSettings webhooks;
        HttpSettings http;
        NetConfig net;
        Optional<ClusterConfig> cluster;
        MediaStoreConfig mediaStore;

        Editor(Config c) {
            port = c.port;
            dataDir = c.dataDir;
            databaseUrl = c.databaseUrl;
            defaultEngine = c.defaultEngine;
            adminKey = c.adminKey;
            maxJsonBodyBytes = c.maxJsonBodyBytes;
            sandbox = c.sandbox;
            media = c.media;
            stream = c.stream;
            metrics = c.metrics;
            baileys = c.baileys;
            webhooks = c.webhooks;
            http = c.http;
            net = c.net;
            cluster = c.cluster;
            mediaStore = c.mediaStore;
        }

        Config build() {
            return new Config(port, dataDir, databaseUrl, defaultEngine, adminKey, maxJsonBodyBytes, sandbox, media,
                    stream, metrics, baileys, webhooks, http, net, cluster, mediaStore);
        }
    }
}
