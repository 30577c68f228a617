package io.wagate.session;

import io.wagate.account.AccountService;
import io.wagate.account.Principal;
import io.wagate.engine.EngineException;
import io.wagate.engine.Engine;
import io.wagate.engine.EngineRegistry;
import io.wagate.engine.Me;
import io.wagate.engine.SessionStatus;
import io.wagate.error.ApiException;
import io.wagate.ids.ChatIds;
import io.wagate.ids.Ulid;
import io.wagate.plan.PlanService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session lifecycle (README "Sessions"): create, start, stop, restart, logout, delete, QR and pairing,
 * config edits, and taking sessions up at start-up (or when this cluster node takes them over). Status
 * always comes from the engine's events ({@link SessionRecorder}).
 */
public final class SessionLifecycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,54}$");

    private final SessionStore store;
    private final SessionDirectory directory;
    private final EngineGate gate;
    private final SessionRecorder recorder;
    private final SessionEvents events;
    private final SessionOwnership ownership;
    private final EngineRegistry engines;
    private final AccountService accounts;
    private final PlanService plans;
    private final SessionService.ConfigCheck configCheck;
    private final Ulid ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Serializes creates per account, so that two at once cannot both slip under the plan's session cap. */
    private final Map<String, ReentrantLock> createLocks = new ConcurrentHashMap<>();
    /** Serializes changes of one session's config, so two edits at once cannot lose one another. */
    private final Map<String, ReentrantLock> configLocks = new ConcurrentHashMap<>();

    public record Parts(SessionStore store, SessionDirectory directory, EngineGate gate, SessionRecorder recorder,
                        SessionEvents events, SessionOwnership ownership) {}

    public SessionLifecycle(Parts parts, EngineRegistry engines, AccountService accounts, PlanService plans,
                            SessionService.ConfigCheck configCheck, Ulid ids, Clock clock) {
        this.store = parts.store();
        this.directory = parts.directory();
        this.gate = parts.gate();
        this.recorder = parts.recorder();
        this.events = parts.events();
        this.ownership = parts.ownership();
        this.engines = engines;
        this.accounts = accounts;
        this.plans = plans;
        this.configCheck = configCheck;
        this.ids = ids;
        this.clock = clock;
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
        request.config().ifPresent(c -> requireBusinessSimulated(c, engineName));
        var engine = engines.find(engineName).orElseThrow(() -> ApiException.badRequest(
                "engine '" + engineName + "' is not known; known engines: " + engines.names()));
        var config = configCheck.check(principal, request.config().orElse(SessionConfig.empty()));
        // Meant to run from its first row on: a cluster node may take it up before this create returns.
        var session = new Session(ids.next("ses"), principal.accountId(), name, engine.name(), SessionStatus.STOPPED,
                request.start(), config, Optional.empty(), Optional.empty(), clock.instant());
        insertWithinCap(principal, session);
        String apiKey = accounts.rotateSessionKey(principal.accountId(), session.id()).secret();
        log.info("session {} ({}) created on engine {}", name, session.id(), engine.name());
        if (ownership.isLocal(session.id())) {
            if (request.start()) {
                gate.open(session).start();
            }
        } else {
            // A cluster node takes it up (possibly this one, at once): the answer shows it as stored.
            ownership.offer(session.id());
        }
        return new Created(directory.reload(session), apiKey);
    }

    /** Only a simulated account is made a business account by its config; a real one is what it is on WhatsApp. */
    private void requireBusinessSimulated(SessionConfig config, String engine) {
        if (config.business() != null && !engines.find(engine).map(Engine::simulatesAccounts).orElse(false)) {
            throw ApiException.badRequest("config.business is for sandbox sessions only (a real account is a "
                    + "WhatsApp Business account when it is one on WhatsApp)");
        }
    }

    /** Inserts the session if the plan has room for it; a taken name is a 409 whether or not it has. */
    private void insertWithinCap(Principal principal, Session session) {
        var lock = createLocks.computeIfAbsent(principal.accountId(), id -> new ReentrantLock());
        lock.lock();
        try {
            boolean taken = store.find(principal.accountId(), session.name()).isPresent();
            if (!taken) {
                // Counted again in the store, under a lock on the account: creates through other nodes count too.
                var inserted = store.insert(session, plans.limitsOf(principal.plan()).maxSessions());
                if (inserted == SessionStore.Insert.FULL) {
                    plans.checkSessionCap(principal.plan(), store.countByAccount(principal.accountId()));
                    // Deleted meanwhile: refused all the same, as the count said full.
                    throw ApiException.forbidden("plan '" + principal.plan() + "' allows no more sessions");
                }
                taken = inserted == SessionStore.Insert.TAKEN;
            }
            if (taken) {
                throw ApiException.conflict("session '" + session.name() + "' already exists");
            }
        } finally {
            lock.unlock();
        }
    }

    public Session updateConfig(Principal principal, String name, SessionConfig config) {
        config.validate();
        requireBusinessSimulated(config, directory.get(principal, name).engine());
        var checked = configCheck.check(principal, config);
        return editConfig(principal, name, checked::keepingSecretsOf);
    }

    /**
     * Replaces the session's config with what {@code edit} makes of the current one, one edit per session at
     * a time. {@code edit} sees the config as stored and returns one that is already checked.
     */
    public Session editConfig(Principal principal, String name, UnaryOperator<SessionConfig> edit) {
        var session = directory.get(principal, name);
        var lock = configLocks.computeIfAbsent(session.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            var current = directory.reload(session);
            store.setConfig(session.id(), edit.apply(current.config()), clock.instant());
            return directory.reload(session);
        } finally {
            lock.unlock();
        }
    }

    public Session start(Principal principal, String name) {
        var session = directory.get(principal, name);
        startSession(session);
        return directory.reload(session);
    }

    public Session stop(Principal principal, String name, boolean logout) {
        var session = directory.get(principal, name);
        var engineSession = gate.open(session);
        store.setShouldRun(session.id(), false, clock.instant());
        if (logout) {
            engineSession.logout();
            store.clearMe(session.id(), clock.instant());
        } else {
            engineSession.stop();
        }
        return directory.reload(session);
    }

    public Session restart(Principal principal, String name) {
        var session = directory.get(principal, name);
        gate.open(session).stop();
        startSession(session);
        return directory.reload(session);
    }

    /** Unlinks and forgets the auth data, then starts afresh so a new QR is on offer. */
    public Session logout(Principal principal, String name) {
        var session = directory.get(principal, name);
        gate.open(session).logout();
        store.clearMe(session.id(), clock.instant());
        startSession(session);
        return directory.reload(session);
    }

    /** Stops and removes the session with its keys and auth data; a missing session is not an error. */
    public void delete(Principal principal, String name) {
        var found = directory.find(principal, name);
        if (found.isEmpty()) {
            return;
        }
        var session = found.get();
        // Only the node running it can log it out.
        gate.requireLocal(session);
        gate.remove(session.id()).ifPresent(engineSession -> engineSession.logout());
        recorder.forget(session.id());
        configLocks.remove(session.id());
        store.delete(session.id());
        log.info("session {} ({}) deleted", name, session.id());
    }

    public Optional<Me> me(Principal principal, String name) {
        return directory.get(principal, name).me();
    }

    /** The QR string to scan; only while the session waits for one. */
    public String qr(Principal principal, String name) {
        var session = directory.get(principal, name);
        // The code on offer is known only where the session runs.
        gate.requireLocal(session);
        var value = recorder.qr(session.id());
        if (session.status() != SessionStatus.SCAN_QR_CODE || value.isEmpty()) {
            throw ApiException.conflict("session '" + name + "' is " + session.status()
                    + "; a QR code is only available in SCAN_QR_CODE");
        }
        return value.get();
    }

    public String pairingCode(Principal principal, String name, String phoneNumber) {
        String digits = ChatIds.phoneDigits(phoneNumber, "phoneNumber");
        var session = directory.get(principal, name);
        try {
            return gate.open(session).requestPairingCode(digits);
        } catch (EngineException e) {
            throw EngineGate.toApi(e);
        }
    }

    public String rotateKey(Principal principal, String name) {
        var session = directory.get(principal, name);
        return accounts.rotateSessionKey(session.accountId(), session.id()).secret();
    }

    /**
     * Opens every session's engine side (a sandbox number is then known to the network even while
     * its session is stopped) and starts again those meant to be running when wagate last stopped.
     */
    public int resumeAll() {
        for (var session : store.listAll()) {
            if (engines.find(session.engine()).isPresent()) {
                gate.open(session);
            }
        }
        var toResume = store.listToResume();
        for (var session : toResume) {
            resume(session);
        }
        return toResume.size();
    }

    /**
     * Takes up one session this node now owns (a cluster node's takeover): opens its engine side, and
     * starts it if it is meant to run.
     */
    public void takeUp(Session session) {
        if (engines.find(session.engine()).isPresent()) {
            gate.open(session);
        }
        if (session.shouldRun()) {
            resume(session);
        }
    }

    private void resume(Session session) {
        if (engines.find(session.engine()).isEmpty()) {
            store.recordStatus(session.id(), SessionStatus.FAILED, Optional.empty(),
                    Optional.of("engine '" + session.engine() + "' is not available on this server"),
                    clock.instant());
            return;
        }
        try {
            startSession(session);
        } catch (RuntimeException e) {
            log.error("session {} could not be resumed", session.name(), e);
        }
    }

    /**
     * Disconnects every session without recording it: the store keeps each session's last real
     * status and what the user asked for, so they resume on the next start.
     */
    @Override
    public void close() {
        events.close();
        gate.close();
    }

    private void startSession(Session session) {
        var engineSession = gate.open(session);
        store.setShouldRun(session.id(), true, clock.instant());
        engineSession.start();
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
}
