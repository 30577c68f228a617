package io.wagate;

import io.wagate.account.AccountService;
import io.wagate.account.AccountStore;
import io.wagate.account.AccountUsage;
import io.wagate.account.ApiKeys;
import io.wagate.config.Config;
import io.wagate.engine.EngineRegistry;
import io.wagate.engine.baileys.BaileysEngine;
import io.wagate.engine.sandbox.SandboxEngine;
import io.wagate.engine.sandbox.StoredInTransit;
import io.wagate.event.EventBus;
import io.wagate.event.EventEnvelope;
import io.wagate.http.Auth;
import io.wagate.http.Forwarding;
import io.wagate.http.RequestSession;
import io.wagate.cluster.Forwarder;
import io.wagate.cluster.EventRelay;
import io.wagate.cluster.SandboxRelay;
import io.wagate.metrics.ClusterGauges;
import io.wagate.account.Principal;
import io.javalin.http.Context;
import io.wagate.http.HealthRoutes;
import io.wagate.http.HttpServer;
import io.wagate.http.Json;
import io.wagate.http.IdempotentHandler;
import io.wagate.http.JsonBody;
import io.wagate.http.MetricsRoutes;
import io.wagate.idempotency.Idempotency;
import io.wagate.idempotency.IdempotencyStore;
import io.wagate.idempotency.RunningClaims;
import io.wagate.cluster.ClusterNode;
import io.wagate.cluster.LocalSessions;
import io.wagate.http.admin.NodeRoutes;
import io.wagate.node.NodeInstances;
import io.wagate.session.OwnerFence;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.http.PlanLimits;
import io.wagate.http.Surface;
import io.wagate.waha.WahaChannels;
import io.wagate.waha.WahaChats;
import io.wagate.waha.WahaChatting;
import io.wagate.waha.WahaDoor;
import io.wagate.waha.WahaGroups;
import io.wagate.waha.WahaMissing;
import io.wagate.waha.WahaPresence;
import io.wagate.waha.WahaSessionRoutes;
import io.wagate.mcp.McpDoor;
import io.wagate.http.v1.V1ErrorMapper;
import io.wagate.http.simple.SimpleErrorMapper;
import io.wagate.http.simple.SimpleRoutes;
import io.wagate.http.admin.AdminRoutes;
import io.wagate.http.admin.PlanRoutes;
import io.wagate.http.dashboard.DashboardRoutes;
import io.wagate.http.docs.DocsRoutes;
import io.wagate.call.CallService;
import io.wagate.channel.ChannelService;
import io.wagate.community.CommunityService;
import io.wagate.chat.ChatService;
import io.wagate.chat.ChatStore;
import io.wagate.contact.ContactBook;
import io.wagate.contact.ContactService;
import io.wagate.contact.ContactStore;
import io.wagate.group.GroupService;
import io.wagate.profile.ProfileService;
import io.wagate.http.v1.AccountRoutes;
import io.wagate.http.v1.CallRoutes;
import io.wagate.http.v1.ChannelRoutes;
import io.wagate.http.v1.CommunityRoutes;
import io.wagate.http.v1.StatusRoutes;
import io.wagate.status.StatusService;
import io.wagate.http.v1.ChatRoutes;
import io.wagate.http.v1.EventRoutes;
import io.wagate.http.v1.LabelRoutes;
import io.wagate.label.LabelService;
import io.wagate.label.LabelStore;
import io.wagate.http.v1.ContactRoutes;
import io.wagate.http.v1.GroupRoutes;
import io.wagate.http.v1.ProfileRoutes;
import io.wagate.http.v1.ForwardRoutes;
import io.wagate.message.MessageForwards;
import io.wagate.http.v1.MessageRoutes;
import io.wagate.http.v1.PresenceRoutes;
import io.wagate.http.v1.SessionRoutes;
import io.wagate.http.v1.StreamRoutes;
import io.wagate.ids.Ulid;
import io.wagate.media.MediaConverter;
import io.wagate.media.MediaIntake;
import io.wagate.message.MediaRefs;
import io.wagate.mediastore.MediaStore;
import io.wagate.message.MediaMessages;
import io.wagate.message.MessageContentStore;
import io.wagate.message.MessageService;
import io.wagate.message.MessageExpiry;
import io.wagate.message.MessageStore;
import io.wagate.message.EventMessages;
import io.wagate.message.PollVotes;
import io.wagate.metrics.Metrics;
import io.wagate.presence.PresenceService;
import io.wagate.plan.PlanService;
import io.wagate.plan.PlanStore;
import io.wagate.plan.RateBuckets;
import io.wagate.plan.RequestLimiter;
import io.wagate.plan.UsageMeter;
import io.wagate.plan.UsageStore;
import io.wagate.session.EngineAuthStore;
import io.wagate.session.EngineSettingsStore;
import io.wagate.session.EngineGate;
import io.wagate.session.SessionDirectory;
import io.wagate.session.SessionEvents;
import io.wagate.session.SessionLifecycle;
import io.wagate.session.SessionOwnership;
import io.wagate.session.SessionRecorder;
import io.wagate.session.SessionService;
import io.wagate.session.SessionStore;
import io.wagate.simple.SimpleMessages;
import io.wagate.simple.SimpleSessions;
import io.wagate.store.Database;
import io.wagate.store.WriteQueue;
import io.wagate.stream.StreamHub;
import io.wagate.http.v1.WebhookRoutes;
import io.wagate.net.GuardedHttpClient;
import io.wagate.net.OwnAddresses;
import io.wagate.net.TargetGuard;
import io.wagate.webhook.DeliveryObserver;
import io.wagate.webhook.Subscriptions;
import io.wagate.webhook.WebhookOutbox;
import io.wagate.webhook.WebhookRules;
import io.wagate.webhook.WebhookService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires wagate together with plain constructors, in dependency order, and takes it apart in reverse. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** How often request counts reach the store: what a kill -9 can lose at most. */
    private static final Duration USAGE_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** How long a cluster node trusts a key it read: a key revoked through another node fails here after this. */
    private static final Duration PRINCIPALS_KEPT_IN_CLUSTER = Duration.ofSeconds(2);
    private static final Duration PLANS_KEPT_IN_CLUSTER = Duration.ofSeconds(1);
    /** How long a too-slow WebSocket client's closing handshake may take before its connection is dropped. */
    private static final Duration STREAM_CLOSE_GRACE = Duration.ofSeconds(10);

    private final Database database;
    private final HttpServer http;
    private final Optional<String> generatedAdminKey;
    /** Everything that holds threads, files or connections, in the order it was made. */
    private final Deque<AutoCloseable> resources;

    private App(Database database, HttpServer http, Optional<String> generatedAdminKey,
                Deque<AutoCloseable> resources) {
        this.database = database;
        this.http = http;
        this.generatedAdminKey = generatedAdminKey;
        this.resources = resources;
    }

    public static App start(Config config, Clock anyClock) {
        // Millisecond precision everywhere, as the store keeps it: a create response and a later read agree.
        var clock = Clock.tick(anyClock, Duration.ofMillis(1));
        config.requireSharedMedia();
        var database = Database.open(config.databaseUrl(), config.dataDir());
        var resources = new ArrayDeque<AutoCloseable>();
        resources.push(database);
        try {
            var ids = new Ulid(clock);
            var mapper = Json.mapper();
            // A cluster node refuses to start while a live node has its name.
            var cluster = config.cluster().map(c -> ClusterNode.join(database.jdbi(), c, ids.next()));
            // This start of this node: work claimed by an earlier start (cut off by a crash) no longer blocks.
            var instances = cluster.map(ClusterNode::instances)
                    .orElseGet(() -> NodeInstances.register(database.jdbi(), hostName(), ids.next(), clock.millis()));
            resources.push(instances);
            String nodeName = cluster.map(ClusterNode::name).orElseGet(App::hostName);
            OwnerFence fence = cluster.<OwnerFence>map(c -> c).orElse(OwnerFence.NONE);
            var runningClaims = new RunningClaims();
            // Cluster: plans are edited through other nodes too; each node reads them again every second.
            var plans = new PlanService(new PlanStore(database.jdbi()), cluster.isPresent() ? PLANS_KEPT_IN_CLUSTER : null);
            // Cluster: keys are revoked and plans changed through other nodes too; each is read again soon.
            var accountStore = cluster.isPresent() ? new AccountStore(database.jdbi(), PRINCIPALS_KEPT_IN_CLUSTER)
                    : new AccountStore(database.jdbi());
            var accounts = new AccountService(accountStore, new ApiKeys(), plans, ids, clock);
            var generatedAdminKey = accounts.bootstrapAdmin(config.adminKey());
            // Cluster: the month's counts and the per-second buckets are the cluster's, not this node's.
            var usage = new UsageMeter(new UsageStore(database.jdbi()), clock, USAGE_FLUSH_INTERVAL, cluster.isPresent());
            resources.push(usage);
            usage.start();
            var rates = cluster.isPresent() ? RateBuckets.shared(database.dataSource(), clock) : new RateBuckets(clock);
            resources.push(rates);
            var limits = new PlanLimits(new RequestLimiter(plans, rates, usage, clock));

            // Checked before any session runs: a bucket that cannot be used stops start-up, saying why.
            var mediaStore = MediaStore.open(config.mediaStore(), config.dataDir());
            resources.push(mediaStore);
            var writes = new WriteQueue(database.jdbi());
            resources.push(writes);
            // Cluster: sandbox sessions of every node talk to each other, through the store and NOTIFY.
            var sandboxWire = cluster.map(c -> new SandboxRelay(database.dataSource(), database.jdbi(),
                    number -> new EngineAuthStore(database.jdbi(), clock).anyHolds(SandboxEngine.NAME,
                            SandboxEngine.NUMBER_KEY, number)));
            sandboxWire.ifPresent(resources::push);
            var sandbox = new SandboxEngine(config.sandbox(), clock, config.dataDir().resolve("sandbox-spool"),
                    new StoredInTransit(database.jdbi(), writes, mapper, clock), sandboxWire.map(w -> w));
            // One guard for every URL a client gives: file.url downloads, link previews, webhook targets. Those
            // are checked when registered and again at every connection.
            var guard = new TargetGuard(new TargetGuard.Policy(config.media().allowPrivateTargets(),
                    config.net().denyTargets(), OwnAddresses.ofHost()));
            var intake = MediaIntake.forConfig(config, guard, version());
            resources.push(intake);
            var baileys = new BaileysEngine(config.baileys(), config.dataDir().resolve("bridge-media"), mapper,
                    intake.linkPreviews(), new EngineSettingsStore(database.jdbi(), clock),
                    new MessageContentStore(database.jdbi(), writes, clock));
            var engines = new EngineRegistry(List.of(sandbox, baileys), config.defaultEngine());
            resources.push(engines);
            // Cluster: other nodes write sessions too, so nothing of them is kept in memory here.
            var sessionStore = new SessionStore(database.jdbi(), mapper, fence, cluster.isEmpty());
            var webhookRules = new WebhookRules(guard);
            var sessionRecorder = new SessionRecorder(sessionStore, clock);
            var sessionEvents = new SessionEvents(sessionRecorder);
            SessionOwnership ownership = cluster.<SessionOwnership>map(c -> c).orElse(SessionOwnership.SINGLE_NODE);
            var gate = new EngineGate(engines, new EngineAuthStore(database.jdbi(), clock, fence), sessionStore,
                    sessionEvents, ownership, writes);
            var directory = new SessionDirectory(sessionStore);
            var lifecycle = new SessionLifecycle(new SessionLifecycle.Parts(sessionStore, directory, gate,
                    sessionRecorder, sessionEvents, ownership), engines, accounts, plans, webhookRules, ids, clock);
            var sessions = new SessionService(directory, gate, lifecycle);
            // What subscribes to sessions' events is made later but must close after them, once no event comes.
            var afterSessions = new ArrayDeque<AutoCloseable>();
            resources.push(() -> closeAll(afterSessions));
            // A clean stop hands the leases over once the engine sides are closed, not before.
            cluster.ifPresent(resources::push);
            resources.push(lifecycle);
            cluster.ifPresent(c -> resources.push(c::stopTaking));

            var messageStore = new MessageStore(database.jdbi(), writes, mapper, runningClaims, clock);
            resources.push(new MessageExpiry(messageStore, MessageExpiry.EVERY));
            var messages = new MessageService(messageStore, mediaStore,
                    new MediaRefs(database.jdbi(), writes), sessions);
            var converter = new MediaConverter(intake.tempFiles());
            var media = new MediaMessages(messages, sessions, intake, converter);
            var presence = new PresenceService(sessions);
            var labelStore = new LabelStore(database.jdbi(), writes);
            var once = new IdempotentHandler(new Idempotency(new IdempotencyStore(database.jdbi(), writes), instances,
                    runningClaims, storedSend(messageStore, mapper), clock));
            var chatStore = new ChatStore(database.jdbi(), writes, clock);
            var chats = new ChatService(chatStore, labelStore, messageStore, sessions,
                    writes, clock);
            var labels = new LabelService(labelStore, chats, sessions, writes, clock);
            var contactBook = new ContactBook(new ContactStore(database.jdbi(), writes, clock), sessions);
            var events = new EventBus(sessions, ids, clock);
            // The order features hear an engine event in: the bus last, so subscribers hear of a message
            // once it is stored.
            sessionEvents.wire(List.of(messages, presence, chats, labels, contactBook, events));
            var envelopes = new EventEnvelope.Writer(mapper, new EventEnvelope.Environment(version(), nodeName));
            var metrics = new Metrics(sessionStore::countByEngineAndStatus, engines.names());
            resources.push(metrics);
            events.subscribe(metrics.messages());
            var stream = new StreamHub(sessions, envelopes, config.stream().queueFrames(), STREAM_CLOSE_GRACE,
                    metrics.stream(), accounts::isLive);
            events.subscribe(stream);
            accounts.onRevocation(stream::keysRevoked);
            // Cluster: the stream of every node hears the events of the sessions the others run.
            cluster.ifPresent(c -> {
                var relay = new EventRelay(database.dataSource(), database.jdbi(), c.name(), envelopes, stream, mapper);
                events.subscribe(relay);
                afterSessions.push(relay);
                relay.start();
            });
            var subscriptions = new Subscriptions(config.webhooks(), webhookRules, accountId -> isAdmin(accounts, accountId));
            var outbox = new WebhookOutbox(database.jdbi(), sessions, subscriptions, envelopes,
                    new GuardedHttpClient(guard, "wagate/" + version(), "wagate-webhooks", 256),
                    DeliveryObserver.counting(metrics.webhooks()), config.webhooks(), ids, clock, ownership);
            // Closed after the sessions: no event comes any more, and what is queued gets committed.
            afterSessions.push(outbox);
            metrics.webhooks().outboxDepth(outbox::pending);
            events.subscribe(outbox);
            // Before any session resumes: deliveries pending from before a restart go first in their lanes.
            outbox.start();

            var body = new JsonBody(mapper, config.maxJsonBodyBytes());
            var mediaBody = JsonBody.spooled(mapper, config.media().maxJsonBodyBytes(), intake.tempFiles());
            var auth = new Auth(accounts);
            var errors = new V1ErrorMapper(ids);
            var groups = new GroupService(sessions, intake, converter);
            var simpleSessions = new SimpleSessions(sessions);
            // Plan limits apply to the API surfaces only; /admin is the operator's and never throttled.
            // Cluster: a request for a session another node runs is answered through that node.
            var forwarder = cluster.map(c -> new Forwarder(c, directory,
                    new RequestSession(body, config.maxJsonBodyBytes(), mediaBody), clock));
            Forwarding forwarding = forwarder.<Forwarding>map(f -> f).orElse(Forwarding.NONE);
            cluster.ifPresent(c -> metrics.cluster(c.name(), new ClusterGauges.Stats(c::sessionsHere, c::takeovers,
                    forwarder.get()::forwardedCount, forwarder.get()::failedCount, c::renewals, c::renewNanos,
                    c::lastRenewNanos)));
            var surfaces = List.of(
                    new Surface("/v1", ctx -> {
                        boolean arrived = forwarding.arrived(ctx);
                        var principal = auth.requireKey(ctx);
                        admit(ctx, principal, arrived, limits, forwarding);
                    }, errors),
                    new Surface("/admin", auth::requireAdmin, errors),
                    new Surface(McpDoor.PATH, ctx -> {
                        boolean arrived = forwarding.arrived(ctx);
                        admit(ctx, auth.requireKey(ctx), arrived, limits, forwarding);
                    }, errors),
                    new Surface(SimpleRoutes.BASE, ctx -> {
                        boolean arrived = forwarding.arrived(ctx);
                        var principal = auth.requireKey(ctx, SimpleSessions.INVALID_KEY, SimpleSessions.INVALID_KEY);
                        SimpleSessions.requireSessionScope(principal, ctx.queryParam("session"));
                        admit(ctx, principal, arrived, limits, forwarding);
                    }, new SimpleErrorMapper(ids)),
                    // After the simple API, which lies inside it: the first surface covering a path wins.
                    new Surface(WahaDoor.PATH, ctx -> {
                        boolean arrived = forwarding.arrived(ctx);
                        admit(ctx, auth.requireKey(ctx), arrived, limits, forwarding);
                    }, errors));
            var contacts = new ContactService(sessions);
            var mcp = new McpDoor(new McpDoor.Services(sessions, lifecycle, messages, media, chats, contacts, groups,
                    contactBook),
                    mapper, version());
            resources.push(mcp);
            var pollVotes = new PollVotes(messageStore, sessions);
            var calls = new CallService(sessions);
            var channels = new ChannelService(sessions);
            var accountUsage = new AccountUsage(accounts, plans, usage, sessionStore::countByAccount, clock);
            var http = new HttpServer(mapper, surfaces, errors, metrics.http(), config.http(), List.of(
                    new HealthRoutes(database, engines, version(),
                            new HealthRoutes.Node(cluster.isPresent() ? "cluster" : "single", nodeName)),
                    new MetricsRoutes(metrics, auth, config.metrics().token()),
                    new DocsRoutes(),
                    new DashboardRoutes(),
                    new SessionRoutes(sessions, lifecycle, body),
                    new MessageRoutes(messages, pollVotes, media, body, mediaBody, once),
                    new EventRoutes(new EventMessages(messages, messageStore, sessions, writes), body, once),
                    new PresenceRoutes(presence, contacts, body),
                    new GroupRoutes(groups, body, mediaBody),
                    new ChannelRoutes(channels, body),
                    new ProfileRoutes(new ProfileService(sessions, intake, converter), body, mediaBody),
                    new ForwardRoutes(new MessageForwards(messages, messageStore, sessions, intake.tempFiles()), body),
                    new CommunityRoutes(new CommunityService(sessions), body),
                    new StatusRoutes(new StatusService(sessions, messages, media, chatStore, clock), body),
                    new StreamRoutes(stream, auth, limits, errors),
                    new ChatRoutes(chats, body),
                    new LabelRoutes(labels, body),
                    new ContactRoutes(contactBook),
                    new CallRoutes(calls, body),
                    new SimpleRoutes(new SimpleMessages(messages, media, intake, groups), simpleSessions, body),
                    new WebhookRoutes(new WebhookService(sessions, webhookRules, subscriptions, outbox), body),
                    new AdminRoutes(accounts, body),
                    new NodeRoutes(cluster, nodeName, () -> sessionStore.listAll().size()),
                    mcp,
                    new PlanRoutes(plans, accounts, accountUsage, body),
                    new AccountRoutes(accountUsage),
                    // After the simple API, whose routes inside /api come before WAHA's templates; the missing
                    // operations before the door's own, so a fixed segment (groups/join-info) is not taken for an id.
                    new WahaMissing(),
                    new WahaSessionRoutes(sessions, lifecycle, body),
                    new WahaChatting(messages, pollVotes, media, presence, contacts, body,
                            mediaBody),
                    new WahaChats(chats, messages, body),
                    new WahaPresence(presence, calls, body),
                    new WahaGroups(groups, body, mediaBody),
                    new WahaChannels(channels, body),
                    new WahaDoor(version(), engines.defaultEngine(), cluster.isPresent() ? nodeName : null, clock)));
            resources.push(http);
            // Closed before the server stops, so clients hear "going away" (1001).
            resources.push(stream);
            http.start(config.net().bind().orElse(null), config.port());
            int resumed;
            if (cluster.isPresent()) {
                // Sessions come as this node takes their leases, not all at once.
                resumed = 0;
                cluster.get().start(new LocalSessions() {
                    @Override
                    public void takeUp(String sessionId) {
                        directory.byId(sessionId).ifPresent(lifecycle::takeUp);
                        outbox.takeOver();
                    }

                    @Override
                    public void release(String sessionId) {
                        gate.release(sessionId);
                    }
                }, config.cluster().orElseThrow().advertiseUrl(http.port()).toString());
            } else {
                resumed = lifecycle.resumeAll();
            }
            log.info("wagate {} listening on port {} of {} ({} store, default engine {}, sessions resumed: {})",
                    version(), http.port(), config.net().bind().orElse("every interface"), database.kind().name().toLowerCase(), engines.defaultEngine(), resumed);
            return new App(database, http, generatedAdminKey, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /**
     * After the key: the plan's limits, counted on the node the client reached, then forwarding when another
     * node runs the session. A forwarded request was counted where it came in and is served here.
     */
    private static void admit(Context ctx, Principal principal, boolean arrived, PlanLimits limits,
                              Forwarding forwarding) {
        forwarding.stamp(ctx);
        if (arrived) {
            return;
        }
        limits.enforce(ctx);
        if (forwarding.forwarded(ctx, principal)) {
            ctx.skipRemainingHandlers();
        }
    }

    /** A send stored but never answered (its process died), answered as its 201 would have been. */
    private static Idempotency.StoredSends storedSend(MessageStore messages, ObjectMapper mapper) {
        return (sessionId, messageId) -> messages.find(sessionId, messageId).map(message -> {
            try {
                return new Idempotency.Answer(201, mapper.writeValueAsString(message), true);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write message " + messageId, e);
            }
        });
    }

    private static boolean isAdmin(AccountService accounts, String accountId) {
        try {
            return accounts.getAccount(accountId).admin();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public int port() {
        return http.port();
    }

    public Database database() {
        return database;
    }

    public List<HttpServer.Route> routes() {
        return http.routes();
    }

    /** The admin key made at this start, if there was none before; shown once and never again. */
    public Optional<String> generatedAdminKey() {
        return generatedAdminKey;
    }

    /** The host this wagate runs on: a single node's name, as events give it. */
    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "wagate";
        }
    }

    public static String version() {
        String version = App.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /**
     * Takes wagate apart in the reverse order of its making: the server stops taking requests,
     * sessions disconnect, engines stop, and only then are the last request counts and queued
     * writes stored and the database closed.
     */
    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            var resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("{} did not close cleanly", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
