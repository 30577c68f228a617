package io.wagate;

import io.wagate.account.AccountService;
import io.wagate.account.AccountStore;
import io.wagate.account.AccountUsage;
import io.wagate.account.ApiKeys;
import io.wagate.config.Config;
import io.wagate.engine.EngineRegistry;
import io.wagate.engine.sandbox.SandboxEngine;
import io.wagate.event.EventBus;
import io.wagate.event.EventEnvelope;
import io.wagate.http.Auth;
import io.wagate.http.HealthRoutes;
import io.wagate.http.HttpServer;
import io.wagate.http.Json;
import io.wagate.http.IdempotentHandler;
import io.wagate.http.JsonBody;
import io.wagate.idempotency.Idempotency;
import io.wagate.idempotency.IdempotencyStore;
import io.wagate.http.PlanLimits;
import io.wagate.http.V1ErrorMapper;
import io.wagate.http.admin.AdminRoutes;
import io.wagate.http.admin.PlanRoutes;
import io.wagate.http.docs.DocsRoutes;
import io.wagate.channel.ChannelService;
import io.wagate.contact.ContactService;
import io.wagate.group.GroupService;
import io.wagate.http.v1.ChannelRoutes;
import io.wagate.http.v1.GroupRoutes;
import io.wagate.http.v1.MessageRoutes;
import io.wagate.http.v1.PresenceRoutes;
import io.wagate.http.v1.SessionRoutes;
import io.wagate.ids.Ulid;
import io.wagate.media.MediaConverter;
import io.wagate.media.MediaIntake;
import io.wagate.message.MediaFiles;
import io.wagate.message.MediaMessages;
import io.wagate.message.MessageService;
import io.wagate.message.MessageStore;
import io.wagate.presence.PresenceService;
import io.wagate.plan.PlanService;
import io.wagate.plan.PlanStore;
import io.wagate.plan.RateBuckets;
import io.wagate.plan.RequestLimiter;
import io.wagate.plan.UsageMeter;
import io.wagate.plan.UsageStore;
import io.wagate.session.EngineAuthStore;
import io.wagate.session.SessionService;
import io.wagate.session.SessionStore;
import io.wagate.store.Database;
import io.wagate.http.v1.WebhookRoutes;
import io.wagate.net.GuardedHttpClient;
import io.wagate.net.TargetGuard;
import io.wagate.webhook.DeliveryObserver;
import io.wagate.webhook.Subscriptions;
import io.wagate.webhook.WebhookOutbox;
import io.wagate.webhook.WebhookRules;
import io.wagate.webhook.WebhookService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires wagate together with plain constructors, in dependency order, and takes it apart in reverse. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** How often request counts reach the store: what a kill -9 can lose at most. */
    private static final Duration USAGE_FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final Database database;
    private final EngineRegistry engines;
    private final SessionService sessions;
    private final UsageMeter usage;
    private final MediaIntake intake;
    private final WebhookOutbox outbox;
    private final HttpServer http;
    private final Optional<String> generatedAdminKey;

    private App(Database database, EngineRegistry engines, SessionService sessions, UsageMeter usage,
                MediaIntake intake, WebhookOutbox outbox, HttpServer http, Optional<String> generatedAdminKey) {
        this.database = database;
        this.engines = engines;
        this.sessions = sessions;
        this.usage = usage;
        this.intake = intake;
        this.outbox = outbox;
        this.http = http;
        this.generatedAdminKey = generatedAdminKey;
    }

    public static App start(Config config, Clock anyClock) {
        // Millisecond precision everywhere, as the store keeps it: a create response and a later read agree.
        var clock = Clock.tick(anyClock, Duration.ofMillis(1));
        var database = Database.open(config.databaseUrl(), config.dataDir());
        UsageMeter usage = null;
        MediaIntake intake = null;
        WebhookOutbox outbox = null;
        try {
            var ids = new Ulid(clock);
            var mapper = Json.mapper();
            var plans = new PlanService(new PlanStore(database.jdbi()));
            var accounts = new AccountService(new AccountStore(database.jdbi()), new ApiKeys(), plans, ids, clock);
            var generatedAdminKey = accounts.bootstrapAdmin(config.adminKey());
            usage = new UsageMeter(new UsageStore(database.jdbi()), clock, USAGE_FLUSH_INTERVAL);
            usage.start();
            var limits = new PlanLimits(new RequestLimiter(plans, new RateBuckets(clock), usage, clock));

            var sandbox = new SandboxEngine(config.sandbox(), clock, config.dataDir().resolve("sandbox-spool"));
            var engines = new EngineRegistry(List.of(sandbox), config.defaultEngine());
            var sessionStore = new SessionStore(database.jdbi(), mapper);
            // Webhook URLs are checked when registered and again at every connection (DESIGN §8).
            var webhookGuard = new TargetGuard(config.media().allowPrivateTargets());
            var webhookRules = new WebhookRules(webhookGuard);
            var sessions = new SessionService(sessionStore, new EngineAuthStore(database.jdbi(), clock), engines,
                    accounts, plans, webhookRules, ids, clock);

            var messages = new MessageService(new MessageStore(database.jdbi(), mapper),
                    new MediaFiles(config.dataDir().resolve("media")), sessions);
            sessions.addEventListener(messages);
            intake = MediaIntake.forConfig(config, version());
            var media = new MediaMessages(messages, sessions, intake, new MediaConverter(intake.tempFiles()));
            var presence = new PresenceService(sessions);
            sessions.addEventListener(presence);
            // Last: subscribers hear of a message once it is stored.
            var events = new EventBus(sessions, ids, clock);
            sessions.addEventListener(events);
            var envelopes = new EventEnvelope.Writer(mapper, new EventEnvelope.Environment(version(), nodeName()));
            var subscriptions = new Subscriptions(config.webhooks(), webhookRules, accountId -> isAdmin(accounts, accountId));
            outbox = new WebhookOutbox(database.jdbi(), sessions, subscriptions, envelopes,
                    new GuardedHttpClient(webhookGuard, "wagate/" + version(), "wagate-webhooks", 256),
                    DeliveryObserver.NONE, config.webhooks(), ids, clock);
            events.subscribe(outbox);
            // Before any session resumes: deliveries pending from before a restart go first in their lanes.
            outbox.start();

            var body = new JsonBody(mapper, config.maxJsonBodyBytes());
            var mediaBody = new JsonBody(mapper, config.media().maxJsonBodyBytes());
            var http = new HttpServer(mapper, new Auth(accounts), limits, new V1ErrorMapper(ids), List.of(
                    new HealthRoutes(database, engines, version()),
                    new DocsRoutes(),
                    new SessionRoutes(sessions, body),
                    new MessageRoutes(messages, media, body, mediaBody,
                            new IdempotentHandler(new Idempotency(new IdempotencyStore(database.jdbi()), clock))),
                    new PresenceRoutes(presence, new ContactService(sessions), body),
                    new GroupRoutes(new GroupService(sessions), body),
                    new ChannelRoutes(new ChannelService(sessions), body),
                    new WebhookRoutes(new WebhookService(sessions, webhookRules, subscriptions, outbox), body),
                    new AdminRoutes(accounts, body),
                    new PlanRoutes(plans, accounts,
                            new AccountUsage(accounts, plans, usage, sessionStore::countByAccount, clock), body)));
            http.start(config.port());
            int resumed = sessions.resumeAll();
            log.info("wagate {} listening on port {} ({} store, default engine {}, sessions resumed: {})",
                    version(), http.port(), database.kind().name().toLowerCase(), engines.defaultEngine(), resumed);
            return new App(database, engines, sessions, usage, intake, outbox, http, generatedAdminKey);
        } catch (RuntimeException e) {
            if (outbox != null) {
                outbox.close();
            }
            if (usage != null) {
                usage.close();
            }
            if (intake != null) {
                intake.close();
            }
            database.close();
            throw e;
        }
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

    /** The host this wagate runs on, as events name it. */
    private static String nodeName() {
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

    @Override
    public void close() {
        http.close();
        sessions.close();
        // After the sessions: no event comes any more, and what is queued gets committed.
        outbox.close();
        // After the server stopped taking requests, so the last counts are stored too.
        usage.close();
        intake.close();
        engines.close();
        database.close();
    }
}
