package io.wagate;

import io.wagate.account.AccountService;
import io.wagate.account.AccountStore;
import io.wagate.account.ApiKeys;
import io.wagate.config.Config;
import io.wagate.engine.EngineRegistry;
import io.wagate.engine.sandbox.SandboxEngine;
import io.wagate.http.Auth;
import io.wagate.http.HealthRoutes;
import io.wagate.http.HttpServer;
import io.wagate.http.Json;
import io.wagate.http.JsonBody;
import io.wagate.http.V1ErrorMapper;
import io.wagate.http.admin.AdminRoutes;
import io.wagate.http.docs.DocsRoutes;
import io.wagate.contact.ContactService;
import io.wagate.http.v1.MessageRoutes;
import io.wagate.http.v1.PresenceRoutes;
import io.wagate.http.v1.SessionRoutes;
import io.wagate.ids.Ulid;
import io.wagate.message.MessageService;
import io.wagate.message.MessageStore;
import io.wagate.presence.PresenceService;
import io.wagate.session.EngineAuthStore;
import io.wagate.session.SessionService;
import io.wagate.session.SessionStore;
import io.wagate.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires wagate together with plain constructors, in dependency order, and takes it apart in reverse. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Database database;
    private final EngineRegistry engines;
    private final SessionService sessions;
    private final HttpServer http;
    private final Optional<String> generatedAdminKey;

    private App(Database database, EngineRegistry engines, SessionService sessions, HttpServer http,
                Optional<String> generatedAdminKey) {
        this.database = database;
        this.engines = engines;
        this.sessions = sessions;
        this.http = http;
        this.generatedAdminKey = generatedAdminKey;
    }

    public static App start(Config config, Clock anyClock) {
        // Millisecond precision everywhere, as the store keeps it: a create response and a later read agree.
        var clock = Clock.tick(anyClock, java.time.Duration.ofMillis(1));
        var database = Database.open(config.databaseUrl(), config.dataDir());
        try {
            var ids = new Ulid(clock);
            var mapper = Json.mapper();
            var accounts = new AccountService(new AccountStore(database.jdbi()), new ApiKeys(), ids, clock);
            var generatedAdminKey = accounts.bootstrapAdmin(config.adminKey());

            var engines = new EngineRegistry(List.of(new SandboxEngine(config.sandbox(), clock)), config.defaultEngine());
            var sessions = new SessionService(new SessionStore(database.jdbi(), mapper),
                    new EngineAuthStore(database.jdbi(), clock), engines, accounts, ids, clock);

            var messages = new MessageService(new MessageStore(database.jdbi(), mapper), sessions);
            sessions.addEventListener(messages);
            var presence = new PresenceService(sessions);
            sessions.addEventListener(presence);

            var body = new JsonBody(mapper, config.maxJsonBodyBytes());
            var http = new HttpServer(mapper, new Auth(accounts), new V1ErrorMapper(ids), List.of(
                    new HealthRoutes(database, engines, version()),
                    new DocsRoutes(),
                    new SessionRoutes(sessions, body),
                    new MessageRoutes(messages, body),
                    new PresenceRoutes(presence, new ContactService(sessions), body),
                    new AdminRoutes(accounts, body)));
            http.start(config.port());
            int resumed = sessions.resumeAll();
            log.info("wagate {} listening on port {} ({} store, default engine {}, {} sessions resumed)",
                    version(), http.port(), database.kind().name().toLowerCase(), engines.defaultEngine(), resumed);
            return new App(database, engines, sessions, http, generatedAdminKey);
        } catch (RuntimeException e) {
            database.close();
            throw e;
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

    public static String version() {
        String version = App.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public void close() {
        http.close();
        sessions.close();
        engines.close();
        database.close();
    }
}
