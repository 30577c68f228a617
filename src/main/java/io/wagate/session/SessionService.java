package io.wagate.session;

import io.wagate.account.AccountService;
import io.wagate.account.Principal;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineException;
import io.wagate.engine.EngineRegistry;
import io.wagate.engine.NetworkSimulator;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import io.wagate.engine.Me;
import io.wagate.engine.SessionStatus;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatIds;
import io.wagate.ids.Ulid;
import io.wagate.plan.PlanService;
import io.wagate.store.WriteQueue;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session lifecycle (README "Sessions"). Status always comes from the engine's events and is written
 * to the store before anything else learns of it.
 */
public final class SessionService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,54}$");

    private final SessionStore store;
    private final EngineAuthStore authStore;
    private final EngineRegistry engines;
    private final AccountService accounts;
    private final PlanService plans;
    private final Ulid ids;
    private final WriteQueue writes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** The engine side of every session opened since start-up, by session id. */
    private final Map<String, EngineSession> live = new ConcurrentHashMap<>();
    /** Serializes creates per account, so that two at once cannot both slip under the plan's session cap. */
    private final Map<String, ReentrantLock> createLocks = new ConcurrentHashMap<>();
    /** The QR code currently on offer, by session id. */
    private final Map<String, String> qrCodes = new ConcurrentHashMap<>();
    private volatile boolean closing;
    /** Features that keep what sessions report (messages, later events); told in the engine's order. */
    private final List<SessionEventListener> eventListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ConfigCheck configCheck;
    /** Serializes changes of one session's config, so two edits at once cannot lose one another. */
    private final Map<String, ReentrantLock> configLocks = new ConcurrentHashMap<>();

    public SessionService(SessionStore store, EngineAuthStore authStore, EngineRegistry engines,
                          AccountService accounts, PlanService plans, ConfigCheck configCheck, Ulid ids,
                          WriteQueue writes, Clock clock) {
        this.configCheck = configCheck;
        this.store = store;
        this.authStore = authStore;
        this.engines = engines;
        this.accounts = accounts;
        this.plans = plans;
        this.ids = ids;
        this.writes = writes;
        this.clock = clock;
    }

    /** Receives every engine event of every session, after the session's status is stored. */
    @FunctionalInterface
    public interface SessionEventListener {
        void onEvent(String sessionId, EngineEvent event);
    }

    /**
     * Checks a config a client gives (its webhooks: URLs, event names, retries) and returns it as it is
     * stored, defaults filled in; a 400 naming the field when something is wrong.
     */
    @FunctionalInterface
    public interface ConfigCheck {
        SessionConfig check(Principal principal, SessionConfig config);
    }

    /** Wired once at start-up, before any session starts. */
    public void addEventListener(SessionEventListener listener) {
        eventListeners.add(listener);
    }

    public record CreateRequest(Optional<String> name, boolean start, Optional<String> engine,
                                Optional<SessionConfig> config) {}

    public record Created(Session session, String apiKey) {}

    public Created create(Principal principal, CreateRequest request) {
        if (principal.isSessionKey()) {
            throw ApiException.forbidden("a session key cannot create sessions; use an account key");
        }
        String name = request.name().orElseGet(() -> "session_" + HexFormat.of().formatHex(randomBytes(4)));
        validateName(name);
        request.config().ifPresent(SessionConfig::validate);
        String engineName = request.engine().orElse(engines.defaultEngine());
        var engine = engines.find(engineName).orElseThrow(() -> ApiException.badRequest(
                "engine '" + engineName + "' is not known; known engines: " + engines.names()));
        var config = configCheck.check(principal, request.config().orElse(SessionConfig.empty()));
        var session = new Session(ids.next("ses"), principal.accountId(), name, engine.name(), SessionStatus.STOPPED,
                false, config, Optional.empty(), Optional.empty(), clock.instant());
        insertWithinCap(principal, session);
        String apiKey = accounts.rotateSessionKey(principal.accountId(), session.id()).secret();
        log.info("session {} ({}) created on engine {}", name, session.id(), engine.name());
        if (request.start()) {
            startSession(session);
        }
        return new Created(reload(session), apiKey);
    }

    /** Inserts the session if the plan has room for it; a taken name is a 409 whether or not it has. */
    private void insertWithinCap(Principal principal, Session session) {
        var lock = createLocks.computeIfAbsent(principal.accountId(), id -> new ReentrantLock());
        lock.lock();
        try {
            boolean taken = store.find(principal.accountId(), session.name()).isPresent();
            if (!taken) {
                plans.checkSessionCap(principal.plan(), store.countByAccount(principal.accountId()));
                taken = !store.insert(session);
            }
            if (taken) {
                throw ApiException.conflict("session '" + session.name() + "' already exists");
            }
        } finally {
            lock.unlock();
        }
    }

    public List<Session> list(Principal principal) {
        return store.listByAccount(principal.accountId()).stream()
                .filter(s -> principal.sessionId().map(s.id()::equals).orElse(true))
                .toList();
    }

    /** Bodies and queries name their session; like WAHA, {@code default} when they do not. */
    public static String nameOrDefault(String given) {
        return given == null || given.isBlank() ? "default" : given;
    }

    /** {@link #get} of the session a request names, or of {@code default}. */
    public Session getOrDefault(Principal principal, String given) {
        return get(principal, nameOrDefault(given));
    }

    /** The session if this principal may see it; another account's session is as missing as a missing one. */
    public Session get(Principal principal, String name) {
        return store.find(principal.accountId(), name)
                .filter(s -> principal.sessionId().map(s.id()::equals).orElse(true))
                .orElseThrow(() -> ApiException.notFound("session '" + name + "' not found"));
    }

    public Session updateConfig(Principal principal, String name, SessionConfig config) {
        config.validate();
        var checked = configCheck.check(principal, config);
        return editConfig(principal, name, current -> checked);
    }

    /**
     * Replaces the session's config with what {@code edit} makes of the current one, one edit per session at
     * a time. {@code edit} sees the config as stored and returns one that is already checked.
     */
    public Session editConfig(Principal principal, String name, java.util.function.UnaryOperator<SessionConfig> edit) {
        var session = get(principal, name);
        var lock = configLocks.computeIfAbsent(session.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            var current = reload(session);
            store.setConfig(session.id(), edit.apply(current.config()), clock.instant());
            return reload(session);
        } finally {
            lock.unlock();
        }
    }

    public Session start(Principal principal, String name) {
        var session = get(principal, name);
        startSession(session);
        return reload(session);
    }

    public Session stop(Principal principal, String name, boolean logout) {
        var session = get(principal, name);
        store.setShouldRun(session.id(), false, clock.instant());
        var engineSession = engineSession(session);
        if (logout) {
            engineSession.logout();
            store.clearMe(session.id(), clock.instant());
        } else {
            engineSession.stop();
        }
        return reload(session);
    }

    public Session restart(Principal principal, String name) {
        var session = get(principal, name);
        engineSession(session).stop();
        startSession(session);
        return reload(session);
    }

    /** Unlinks and forgets the auth data, then starts afresh so a new QR is on offer. */
    public Session logout(Principal principal, String name) {
        var session = get(principal, name);
        var engineSession = engineSession(session);
        engineSession.logout();
        store.clearMe(session.id(), clock.instant());
        startSession(session);
        return reload(session);
    }

    /** Stops and removes the session with its keys and auth data; a missing session is not an error. */
    public void delete(Principal principal, String name) {
        var found = store.find(principal.accountId(), name)
                .filter(s -> principal.sessionId().map(s.id()::equals).orElse(true));
        if (found.isEmpty()) {
            return;
        }
        var session = found.get();
        var engineSession = live.remove(session.id());
        if (engineSession != null) {
            engineSession.logout();
        }
        qrCodes.remove(session.id());
        configLocks.remove(session.id());
        store.delete(session.id());
        log.info("session {} ({}) deleted", name, session.id());
    }

    public Optional<Me> me(Principal principal, String name) {
        return get(principal, name).me();
    }

    /** The QR string to scan; only while the session waits for one. */
    public String qr(Principal principal, String name) {
        var session = get(principal, name);
        String value = qrCodes.get(session.id());
        if (session.status() != SessionStatus.SCAN_QR_CODE || value == null) {
            throw ApiException.conflict("session '" + name + "' is " + session.status()
                    + "; a QR code is only available in SCAN_QR_CODE");
        }
        return value;
    }

    public String pairingCode(Principal principal, String name, String phoneNumber) {
        String digits = ChatIds.phoneDigits(phoneNumber, "phoneNumber");
        var session = get(principal, name);
        try {
            return engineSession(session).requestPairingCode(digits);
        } catch (EngineException e) {
            throw toApi(e);
        }
    }

    /** A session by its id, for features that hear of it through engine events. */
    public Optional<Session> byId(String sessionId) {
        return store.findById(sessionId);
    }

    /** The engine side of a WORKING session, for commands; 409 naming the status otherwise. */
    public EngineSession requireWorking(Session session) {
        if (session.status() != SessionStatus.WORKING) {
            throw ApiException.conflict("session '" + session.name() + "' is " + session.status() + ", not WORKING");
        }
        return engineSession(session);
    }

    /**
     * Runs a command on a WORKING session's engine side; the engine's refusals become API errors.
     * Returns once what the command caused is stored: the rows the caller wrote (a send's message, at the
     * hand-over) and what the listeners of the events it reported wrote on this thread (webhook deliveries,
     * acks, edits), which is why the command runs in a write scope.
     */
    public <T> T withEngine(Session session, Function<EngineSession, T> command) {
        var engine = requireWorking(session);
        try {
            return writes.awaitingWrites(() -> command.apply(engine));
        } catch (EngineException e) {
            throw toApi(e);
        }
    }

    /** The session's network simulator, where its engine has one (the sandbox), whatever the session's status. */
    public Optional<NetworkSimulator> simulator(Session session) {
        return engineSession(session).simulator();
    }

    /** {@link #withEngine} for commands that answer nothing. */
    public void runWithEngine(Session session, java.util.function.Consumer<EngineSession> command) {
        withEngine(session, engine -> {
            command.accept(engine);
            return null;
        });
    }

    public String rotateKey(Principal principal, String name) {
        var session = get(principal, name);
        return accounts.rotateSessionKey(session.accountId(), session.id()).secret();
    }

    /**
     * Opens every session's engine side (a sandbox number is then known to the network even while
     * its session is stopped) and starts again those meant to be running when wagate last stopped.
     */
    public int resumeAll() {
        for (var session : store.listAll()) {
            if (engines.find(session.engine()).isPresent()) {
                engineSession(session);
            }
        }
        var toResume = store.listToResume();
        for (var session : toResume) {
            if (engines.find(session.engine()).isEmpty()) {
                store.recordStatus(session.id(), SessionStatus.FAILED, Optional.empty(),
                        Optional.of("engine '" + session.engine() + "' is not available on this server"),
                        clock.instant());
                continue;
            }
            try {
                startSession(session);
            } catch (RuntimeException e) {
                log.error("session {} could not be resumed", session.name(), e);
            }
        }
        return toResume.size();
    }

    /**
     * Disconnects every session without recording it: the store keeps each session's last real
     * status and what the user asked for, so they resume on the next start.
     */
    @Override
    public void close() {
        closing = true;
        live.values().forEach(session -> {
            try {
                session.stop();
            } catch (RuntimeException e) {
                log.warn("a session did not stop cleanly", e);
            }
        });
        live.clear();
    }

    private void startSession(Session session) {
        store.setShouldRun(session.id(), true, clock.instant());
        engineSession(session).start();
    }

    private EngineSession engineSession(Session session) {
        return live.computeIfAbsent(session.id(), id -> {
            var engine = engines.find(session.engine()).orElseThrow(() -> ApiException.unavailable(
                    "engine '" + session.engine() + "' is not available on this server"));
            return engine.open(new EngineSessionContext(id, session.name(), authStore.forSession(id),
                    event -> onEngineEvent(id, session.name(), event),
                    () -> store.findById(id).map(s -> s.config().proxy())));
        });
    }

    private void onEngineEvent(String sessionId, String sessionName, EngineEvent event) {
        if (closing) {
            return;
        }
        switch (event) {
            case EngineEvent.QrCodeChanged qr -> qrCodes.put(sessionId, qr.value());
            case EngineEvent.StatusChanged change -> {
                if (change.status() != SessionStatus.SCAN_QR_CODE) {
                    qrCodes.remove(sessionId);
                }
                store.recordStatus(sessionId, change.status(), change.me(), change.failureReason(), clock.instant());
                log.info("session {} is {}{}", sessionName, change.status(),
                        change.failureReason().map(r -> ": " + r).orElse(""));
            }
            case EngineEvent.RestrictionsChanged changed -> store.mergeRestrictions(sessionId, changed.restrictions(),
                    clock.instant());
            default -> { }
        }
        for (var listener : eventListeners) {
            listener.onEvent(sessionId, event);
        }
    }

    private Session reload(Session session) {
        return store.findById(session.id()).orElseThrow(() -> ApiException.notFound(
                "session '" + session.name() + "' not found"));
    }

    private static void validateName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name must be 1 to 54 characters of letters, digits, '_' or '-'");
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    public static ApiException toApi(EngineException e) {
        return switch (e.reason()) {
            case NOT_READY, CONFLICT -> ApiException.conflict(e.getMessage());
            case INVALID -> ApiException.badRequest(e.getMessage());
            case NOT_FOUND -> ApiException.notFound(e.getMessage());
            case REFUSED -> ApiException.forbidden(e.getMessage());
            case UNAVAILABLE -> ApiException.unavailable(e.getMessage());
            case UNSUPPORTED -> ApiException.badRequest(e.getMessage());
        };
    }
}
