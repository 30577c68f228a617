package io.wagate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.account.Account;
import io.wagate.account.AccountStore;
import io.wagate.account.ApiKeyInfo;
import io.wagate.account.Principal;
import io.wagate.engine.AuthState;
import io.wagate.engine.Me;
import io.wagate.engine.SessionStatus;
import io.wagate.http.Json;
import io.wagate.ids.ChatId;
import io.wagate.ids.Ulid;
import io.wagate.message.MessageContentStore;
import io.wagate.session.EngineAuthStore;
import io.wagate.session.Session;
import io.wagate.session.SessionConfig;
import io.wagate.session.SessionConfig.WebhookConfig;
import io.wagate.session.SessionStore;
import io.wagate.support.TestDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the stores promise, checked on each backend by a subclass ({@link SqliteStoreTest},
 * {@link PostgresStoreTest}). One fresh database per class; every test makes its own accounts and
 * sessions, so tests never depend on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private final Ulid ids = new Ulid(Clock.systemUTC());
    private final AtomicLong tick = new AtomicLong();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    private TestDatabase storage;
    private AccountStore accounts;
    private SessionStore sessions;
    private EngineAuthStore auth;
    private Database database;

    abstract TestDatabase.Backend backend();

    @BeforeAll
    void openStore() {
        storage = backend().create();
        database = storage.open();
        accounts = new AccountStore(database.jdbi());
        sessions = new SessionStore(database.jdbi(), Json.mapper());
        auth = new EngineAuthStore(database.jdbi(), clock);
    }

    @AfterAll
    void closeStore() {
        if (storage != null) {
            storage.close();
        }
    }

    // ---- accounts ----------------------------------------------------------------------------------

    @Test
    void accountRoundtripsWithEveryField() {
        var plain = account(false);
        assertThat(accounts.insertAccount(plain)).isTrue();

        assertThat(accounts.findAccount(plain.id())).contains(plain);
        assertThat(accounts.findAccountByName(plain.name())).contains(plain);
        assertThat(accounts.findAccount("acc_missing")).isEmpty();
        assertThat(accounts.findAccountByName("no such name")).isEmpty();
    }

    @Test
    void listAccountsInCreationOrderAndFindAdminTakesTheOldestAdmin() {
        var later = new Account(ids.next("acc"), "admin-later-" + ids.next(), "mega", true, next().plusSeconds(60));
        var older = new Account(ids.next("acc"), "admin-older-" + ids.next(), "mega", true, next());
        var user = account(false);
        accounts.insertAccount(later);
        accounts.insertAccount(older);
        accounts.insertAccount(user);

        assertThat(accounts.listAccounts()).containsSubsequence(older, user, later);
        // The only other admin in this database is younger (adminFlagReachesThePrincipal).
        assertThat(accounts.findAdmin()).contains(older);
    }

    @Test
    void accountNamesAreUnique() {
        var first = account(false);
        assertThat(accounts.insertAccount(first)).isTrue();
        var twin = new Account(ids.next("acc"), first.name(), "pro", false, next());

        assertThat(accounts.insertAccount(twin)).as("insert of a taken name").isFalse();
        assertThat(accounts.findAccount(twin.id())).isEmpty();
        assertThat(accounts.findAccountByName(first.name())).contains(first);
    }

    @Test
    void anAccountIdIsNotReused() {
        var first = account(false);
        accounts.insertAccount(first);
        var sameId = new Account(first.id(), "other-" + ids.next(), "pro", false, next());

        assertThatThrownBy(() -> accounts.insertAccount(sameId)).isInstanceOf(RuntimeException.class);
        assertThat(accounts.findAccount(first.id())).contains(first);
    }

    @Test
    void keysResolveToTheirPrincipalUntilRevoked() {
        var account = account(false);
        accounts.insertAccount(account);
        var session = session(account, "keys");
        assertThat(sessions.insert(session)).isTrue();
        var accountKey = key(account, Optional.empty(), "ci");
        var sessionKey = key(account, Optional.of(session.id()), null);
        accounts.insertKey(accountKey, hash(accountKey));
        accounts.insertKey(sessionKey, hash(sessionKey));

        assertThat(accounts.findPrincipal(hash(accountKey)))
                .contains(new Principal(account.id(), false, Optional.empty(), account.plan()));
        assertThat(accounts.findPrincipal(hash(sessionKey)))
                .contains(new Principal(account.id(), false, Optional.of(session.id()), account.plan()));
        assertThat(accounts.findPrincipal("0".repeat(64))).isEmpty();

        var revokedAt = next();
        assertThat(accounts.revokeKey(account.id(), accountKey.id(), revokedAt)).isTrue();
        assertThat(accounts.findPrincipal(hash(accountKey))).isEmpty();
        assertThat(accounts.revokeKey(account.id(), accountKey.id(), next())).as("already revoked").isFalse();
        assertThat(accounts.listAccountKeys(account.id())).singleElement()
                .isEqualTo(withRevoked(accountKey, revokedAt));
    }

    @Test
    void adminFlagReachesThePrincipal() {
        // Younger than the admins of the findAdmin test, so that test's answer does not change.
        var admin = new Account(ids.next("acc"), "admin-" + ids.next(), "mega", true, T0.plusSeconds(86_400));
        accounts.insertAccount(admin);
        var key = key(admin, Optional.empty(), "admin");
        accounts.insertKey(key, hash(key));

        assertThat(accounts.findPrincipal(hash(key)))
                .contains(new Principal(admin.id(), true, Optional.empty(), admin.plan()));
    }

    @Test
    void anotherAccountCannotRevokeAKey() {
        var owner = account(false);
        var other = account(false);
        accounts.insertAccount(owner);
        accounts.insertAccount(other);
        var key = key(owner, Optional.empty(), "mine");
        accounts.insertKey(key, hash(key));

        assertThat(accounts.revokeKey(other.id(), key.id(), next())).isFalse();
        assertThat(accounts.revokeKey(owner.id(), "key_missing", next())).isFalse();
        assertThat(accounts.findPrincipal(hash(key))).isPresent();
    }

    @Test
    void listAccountKeysShowsOnlyTheAccountsOwnKeysInOrder() {
        var account = account(false);
        var other = account(false);
        accounts.insertAccount(account);
        accounts.insertAccount(other);
        var session = session(account, "listing");
        sessions.insert(session);
        var first = key(account, Optional.empty(), "first");
        var sessionKey = key(account, Optional.of(session.id()), null);
        var second = key(account, Optional.empty(), null);
        var foreign = key(other, Optional.empty(), "other");
        for (var k : List.of(first, sessionKey, second, foreign)) {
            accounts.insertKey(k, hash(k));
        }

        assertThat(accounts.listAccountKeys(account.id())).containsExactly(first, second);
        assertThat(accounts.listAccountKeys(other.id())).containsExactly(foreign);
        assertThat(accounts.listAccountKeys("acc_missing")).isEmpty();
    }

    @Test
    void revokeAllRevokesExactlyOneScope() {
        var account = account(false);
        var bystander = account(false);
        accounts.insertAccount(account);
        accounts.insertAccount(bystander);
        var s1 = session(account, "scope-1");
        var s2 = session(account, "scope-2");
        sessions.insert(s1);
        sessions.insert(s2);
        var own1 = key(account, Optional.empty(), null);
        var own2 = key(account, Optional.empty(), null);
        var ofS1 = key(account, Optional.of(s1.id()), null);
        var ofS2 = key(account, Optional.of(s2.id()), null);
        var foreign = key(bystander, Optional.empty(), null);
        for (var k : List.of(own1, own2, ofS1, ofS2, foreign)) {
            accounts.insertKey(k, hash(k));
        }

        accounts.revokeAll(account.id(), Optional.empty(), next());

        assertThat(accounts.findPrincipal(hash(own1))).isEmpty();
        assertThat(accounts.findPrincipal(hash(own2))).isEmpty();
        assertThat(accounts.findPrincipal(hash(ofS1))).isPresent();
        assertThat(accounts.findPrincipal(hash(ofS2))).isPresent();
        assertThat(accounts.findPrincipal(hash(foreign))).isPresent();

        accounts.revokeAll(account.id(), Optional.of(s1.id()), next());

        assertThat(accounts.findPrincipal(hash(ofS1))).isEmpty();
        assertThat(accounts.findPrincipal(hash(ofS2))).isPresent();
        assertThat(accounts.findPrincipal(hash(foreign))).isPresent();
    }

    @Test
    void keyHashesAreUnique() {
        var account = account(false);
        accounts.insertAccount(account);
        var key = key(account, Optional.empty(), null);
        accounts.insertKey(key, hash(key));
        var clash = key(account, Optional.empty(), null);

        assertThatThrownBy(() -> accounts.insertKey(clash, hash(key))).isInstanceOf(RuntimeException.class);
    }

    // ---- sessions ----------------------------------------------------------------------------------

    @Test
    void sessionNamesAreUniquePerAccountOnly() {
        var a = account(false);
        var b = account(false);
        accounts.insertAccount(a);
        accounts.insertAccount(b);
        var first = session(a, "default");

        assertThat(sessions.insert(first)).isTrue();
        assertThat(sessions.insert(session(a, "default"))).as("same name, same account").isFalse();
        var inB = session(b, "default");
        assertThat(sessions.insert(inB)).as("same name, other account").isTrue();

        assertThat(sessions.find(a.id(), "default")).contains(first);
        assertThat(sessions.find(b.id(), "default")).contains(inB);
        assertThat(sessions.listByAccount(a.id())).containsExactly(first);
    }

    @Test
    void sessionRoundtripsAndIsFoundByNameIdAndAccount() {
        var account = account(false);
        accounts.insertAccount(account);
        var createdAt = next();
        var second = new Session(ids.next("ses"), account.id(), "b-second", "sandbox", SessionStatus.STOPPED, false,
                SessionConfig.empty(), Optional.empty(), Optional.empty(), createdAt.plusMillis(5));
        var first = new Session(ids.next("ses"), account.id(), "z-first", "sandbox", SessionStatus.STARTING, true,
                fullConfig(), Optional.empty(), Optional.empty(), createdAt);
        var sameTimeA = new Session(ids.next("ses"), account.id(), "a-same-time", "baileys", SessionStatus.STOPPED,
                false, SessionConfig.empty(), Optional.empty(), Optional.empty(), createdAt.plusMillis(5));
        sessions.insert(second);
        sessions.insert(first);
        sessions.insert(sameTimeA);

        assertThat(sessions.find(account.id(), "z-first")).contains(first);
        assertThat(sessions.findById(first.id())).contains(first);
        assertThat(sessions.find(account.id(), "Z-FIRST")).as("names are case-sensitive").isEmpty();
        assertThat(sessions.find("acc_other", "z-first")).isEmpty();
        assertThat(sessions.findById("ses_missing")).isEmpty();
        assertThat(sessions.listByAccount(account.id())).containsExactly(first, sameTimeA, second);
        assertThat(sessions.listByAccount("acc_missing")).isEmpty();
    }

    @Test
    void listToResumeHasExactlyTheSessionsThatShouldRun() {
        var account = account(false);
        accounts.insertAccount(account);
        var running = session(account, "running");
        var stopped = new Session(ids.next("ses"), account.id(), "stopped", "sandbox", SessionStatus.STOPPED, false,
                SessionConfig.empty(), Optional.empty(), Optional.empty(), next());
        var laterStopped = session(account, "later-stopped");
        var laterStarted = new Session(ids.next("ses"), account.id(), "later-started", "sandbox",
                SessionStatus.STOPPED, false, SessionConfig.empty(), Optional.empty(), Optional.empty(), next());
        for (var s : List.of(running, stopped, laterStopped, laterStarted)) {
            sessions.insert(s);
        }
        sessions.setShouldRun(laterStopped.id(), false, next());
        sessions.setShouldRun(laterStarted.id(), true, next());

        assertThat(resumable(account)).containsExactlyInAnyOrder(running.id(), laterStarted.id());
        assertThat(sessions.findById(laterStopped.id()).orElseThrow().shouldRun()).isFalse();
    }

    @Test
    void recordStatusKeepsMeWhenAbsentAndFailedStopsTheSession() {
        var account = account(false);
        accounts.insertAccount(account);
        var session = session(account, "status");
        sessions.insert(session);
        var me = new Me(ChatId.of("491701234567@c.us"), "Zoë ✓", ChatId.of("123456789@lid"));

        sessions.recordStatus(session.id(), SessionStatus.WORKING, Optional.of(me), Optional.empty(), next());
        var working = sessions.findById(session.id()).orElseThrow();
        assertThat(working.status()).isEqualTo(SessionStatus.WORKING);
        assertThat(working.me()).contains(me);
        assertThat(working.failure()).isEmpty();
        assertThat(working.shouldRun()).isTrue();

        sessions.recordStatus(session.id(), SessionStatus.STARTING, Optional.empty(), Optional.empty(), next());
        var reconnecting = sessions.findById(session.id()).orElseThrow();
        assertThat(reconnecting.status()).isEqualTo(SessionStatus.STARTING);
        assertThat(reconnecting.me()).as("me is kept when absent").contains(me);

        var failedAt = next();
        sessions.recordStatus(session.id(), SessionStatus.FAILED, Optional.empty(), Optional.of("QR timed out"),
                failedAt);
        var failed = sessions.findById(session.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(failed.shouldRun()).as("FAILED stops the session from coming back").isFalse();
        assertThat(failed.failure()).contains(new Session.Failure("QR timed out", failedAt));
        assertThat(failed.me()).contains(me);
        assertThat(resumable(account)).doesNotContain(session.id());

        sessions.setShouldRun(session.id(), true, next());
        var newMe = new Me(ChatId.of("491709999999@c.us"), null, null);
        sessions.recordStatus(session.id(), SessionStatus.WORKING, Optional.of(newMe), Optional.empty(), next());
        var recovered = sessions.findById(session.id()).orElseThrow();
        assertThat(recovered.status()).isEqualTo(SessionStatus.WORKING);
        assertThat(recovered.failure()).as("a non-FAILED status clears the failure").isEmpty();
        assertThat(recovered.shouldRun()).isTrue();
        assertThat(recovered.me()).map(Me::id).contains(newMe.id());
    }

    @Test
    void failureWithoutAReasonIsRecordedAsNoFailure() {
        var account = account(false);
        accounts.insertAccount(account);
        var session = session(account, "failed-silently");
        sessions.insert(session);

        sessions.recordStatus(session.id(), SessionStatus.FAILED, Optional.empty(), Optional.empty(), next());

        var failed = sessions.findById(session.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(failed.shouldRun()).isFalse();
        assertThat(failed.failure()).isEmpty();
    }

    @Test
    void configRoundtripsThroughJson() throws SQLException {
        var account = account(false);
        accounts.insertAccount(account);
        var session = session(account, "config");
        sessions.insert(session);
        var config = fullConfig();

        sessions.setConfig(session.id(), config, next());

        assertThat(sessions.findById(session.id()).orElseThrow().config()).isEqualTo(config);
        assertThat(sessions.find(account.id(), "config").orElseThrow().config().redacted().webhooks())
                .allSatisfy(w -> assertThat(w.hmac()).isNull());
        try (var c = storage.connect(); var st = c.prepareStatement("SELECT config FROM sessions WHERE id = ?")) {
            st.setString(1, session.id());
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                var stored = Json.mapper().readTree(rs.getString(1));
                assertThat(stored.path("webhooks").get(0).path("url").asText()).isEqualTo("https://example.com/hook");
                assertThat(stored.path("metadata").path("emoji 🎉").asText()).isEqualTo("ünïcødé \"quoted\"");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError("stored config is not JSON", e);
            }
        }

        sessions.setConfig(session.id(), SessionConfig.empty(), next());
        assertThat(sessions.findById(session.id()).orElseThrow().config()).isEqualTo(SessionConfig.empty());
    }

    @Test
    void clearMeForgetsTheLinkedAccountOnly() {
        var account = account(false);
        accounts.insertAccount(account);
        var session = session(account, "logout");
        sessions.insert(session);
        sessions.recordStatus(session.id(), SessionStatus.WORKING, Optional.of(new Me(ChatId.of("15550000001@c.us"), "One", ChatId.of("15550000001@lid"))),
                Optional.empty(), next());

        sessions.clearMe(session.id(), next());

        var cleared = sessions.findById(session.id()).orElseThrow();
        assertThat(cleared.me()).isEmpty();
        assertThat(cleared.status()).isEqualTo(SessionStatus.WORKING);
        assertThat(cleared.shouldRun()).isTrue();
    }

    @Test
    void deleteRemovesTheSessionOnce() {
        var account = account(false);
        accounts.insertAccount(account);
        var session = session(account, "doomed");
        var survivor = session(account, "survivor");
        sessions.insert(session);
        sessions.insert(survivor);

        assertThat(sessions.delete(session.id())).isTrue();
        assertThat(sessions.delete(session.id())).as("second delete").isFalse();
        assertThat(sessions.findById(session.id())).isEmpty();
        assertThat(sessions.find(account.id(), "doomed")).isEmpty();
        assertThat(sessions.listByAccount(account.id())).containsExactly(survivor);
        assertThat(sessions.insert(session(account, "doomed"))).as("the name is free again").isTrue();
    }

    // ---- engine auth -------------------------------------------------------------------------------

    @Test
    void authItemsPutGetOverwriteRemove() throws SQLException {
        var state = auth.forSession(newSession("auth-basic").id());

        assertThat(state.get("creds")).isEmpty();
        state.put("creds", "{\"me\":\"1\"}");
        assertThat(state.get("creds")).contains("{\"me\":\"1\"}");
        state.put("creds", "{\"me\":\"2\"}");
        assertThat(state.get("creds")).as("overwritten").contains("{\"me\":\"2\"}");
        state.put("empty", "");
        assertThat(state.get("empty")).contains("");

        state.remove("creds");
        assertThat(state.get("creds")).isEmpty();
        state.remove("creds");
        assertThat(state.get("empty")).contains("");
    }

    @Test
    void authItemsKeepLargeAndUnicodeValues() {
        var state = auth.forSession(newSession("auth-big").id());
        String big = "ключ-🔑-".repeat(20_000);

        state.put("pre-key-1", big);

        assertThat(state.get("pre-key-1")).contains(big);
    }

    @Test
    void getAllMatchesALiteralPrefix() {
        var state = auth.forSession(newSession("auth-prefix").id());
        state.put("pre-key-1", "a");
        state.put("pre-key-2", "b");
        state.put("pre-keyX", "c");
        state.put("sender-key-1", "d");
        state.put("pre_key_1", "no wildcard");
        state.put("100%-1", "percent");
        state.put("1000-1", "not percent");
        state.put("ключ-1", "unicode");

        assertThat(state.getAll("pre-key-")).isEqualTo(Map.of("pre-key-1", "a", "pre-key-2", "b"));
        assertThat(state.getAll("pre_")).isEqualTo(Map.of("pre_key_1", "no wildcard"));
        assertThat(state.getAll("100%")).isEqualTo(Map.of("100%-1", "percent"));
        assertThat(state.getAll("ключ")).isEqualTo(Map.of("ключ-1", "unicode"));
        assertThat(state.getAll("none-")).isEmpty();
        assertThat(state.getAll("")).hasSize(8);
    }

    @Test
    void concurrentPutsOfOneKeyAllSucceedAndOneValueWins() throws Exception {
        var state = auth.forSession(newSession("auth-race").id());
        var values = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Void>>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        String value = thread + "-" + i;
                        state.put("creds", value);
                        values.add(value);
                    }
                    return null;
                });
            }
            for (var result : pool.invokeAll(tasks)) {
                result.get(); // rethrows a failed put
            }
        }

        assertThat(state.get("creds")).isPresent().get().isIn(values);
        assertThat(state.getAll("")).hasSize(1);
    }

    @Test
    void manyAuthItemsAreWrittenAndRemovedInOneTransactionOfOneBatchEach() throws SQLException {
        String sessionId = newSession("auth-batch").id();
        var state = auth.forSession(sessionId);
        state.put("key:session:old", "x");
        var items = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < 300; i++) {
            items.put("key:pre-key:" + i, "v" + i);
        }
        items.put("key:session:old", null);
        items.put("key:session:never-there", null);
        var calls = new java.util.concurrent.ConcurrentHashMap<String, Integer>();
        var counting = org.jdbi.v3.core.Jdbi.create(() -> counted(storage.connect(), calls));

        new EngineAuthStore(counting, clock).forSession(sessionId).putAll(items);

        assertThat(calls).containsEntry("commit", 1).containsEntry("prepareStatement", 2)
                .containsEntry("executeBatch", 2).doesNotContainKey("rollback");
        assertThat(state.getAll("key:pre-key:")).hasSize(300).containsEntry("key:pre-key:299", "v299");
        assertThat(state.get("key:session:old")).isEmpty();
    }

    @Test
    void authStateIsIsolatedPerSessionAndClearedPerSession() {
        AuthState one = auth.forSession(newSession("auth-one").id());
        AuthState two = auth.forSession(newSession("auth-two").id());
        one.put("creds", "one");
        one.put("pre-key-1", "one-1");
        two.put("creds", "two");
        two.put("pre-key-1", "two-1");

        assertThat(one.get("creds")).contains("one");
        assertThat(two.get("creds")).contains("two");
        assertThat(one.getAll("pre-key-")).isEqualTo(Map.of("pre-key-1", "one-1"));

        one.clear();

        assertThat(one.getAll("")).isEmpty();
        assertThat(two.getAll("")).isEqualTo(Map.of("creds", "two", "pre-key-1", "two-1"));
        two.remove("creds");
        assertThat(one.get("creds")).isEmpty();
    }

    // ---- message contents --------------------------------------------------------------------------

    @Test
    void messageContentsAreKeptForTheirRetentionCappedInSizeAndGoWithTheirSession() throws SQLException {
        var session = newSession("contents");
        var bystander = newSession("contents-bystander");
        var now = new io.wagate.support.TestClock(T0);
        try (var writes = new WriteQueue(database.jdbi())) {
            var contents = new MessageContentStore(database.jdbi(), writes, now);
            contents.put(session.id(), "M1", "15550000001@s.whatsapp.net", "Cg5oZWxsbw==");
            contents.put(session.id(), "BIG", "15550000001@s.whatsapp.net", "x".repeat(MessageContentStore.MAX_CHARS + 1));
            contents.put(bystander.id(), "M1", "15550000002@s.whatsapp.net", "other");
            writes.flush();
            assertThat(contents.get(session.id(), "M1")).contains("Cg5oZWxsbw==");
            assertThat(contents.get(bystander.id(), "M1")).contains("other");
            assertThat(contents.get(session.id(), "BIG")).isEmpty();
            assertThat(contents.get(session.id(), "NONE")).isEmpty();

            // Written again (an echo of a send): replaced, and its age starts over.
            now.advance(MessageContentStore.RETENTION.minusDays(1));
            contents.put(session.id(), "M1", "15550000001@s.whatsapp.net", "Cg5hZ2Fpbg==");
            writes.flush();
            now.advance(java.time.Duration.ofDays(2));
            assertThat(contents.get(session.id(), "M1")).contains("Cg5hZ2Fpbg==");
            assertThat(contents.get(bystander.id(), "M1")).as("past the retention").isEmpty();
            // The next write past the prune interval deletes what is past the retention.
            contents.put(session.id(), "M2", "15550000001@s.whatsapp.net", "Cg5uZXc=");
            writes.flush();
            assertThat(count("message_contents", "session_id", bystander.id())).isZero();

            assertThat(sessions.delete(session.id())).isTrue();
            assertThat(count("message_contents", "session_id", session.id())).isZero();
        }
    }

    // ---- cascades ----------------------------------------------------------------------------------

    @Test
    void deletingASessionDeletesItsAuthStateAndLeavesItsKeysReachingNothing() throws SQLException {
        var account = account(false);
        accounts.insertAccount(account);
        var doomed = session(account, "cascade");
        var survivor = session(account, "bystander");
        sessions.insert(doomed);
        sessions.insert(survivor);
        var doomedKey = key(account, Optional.of(doomed.id()), null);
        var survivorKey = key(account, Optional.of(survivor.id()), null);
        var accountKey = key(account, Optional.empty(), null);
        for (var k : List.of(doomedKey, survivorKey, accountKey)) {
            accounts.insertKey(k, hash(k));
        }
        auth.forSession(doomed.id()).put("creds", "x");
        auth.forSession(doomed.id()).put("pre-key-1", "y");
        auth.forSession(survivor.id()).put("creds", "z");

        assertThat(sessions.delete(doomed.id())).isTrue();

        assertThat(count("engine_auth", "session_id", doomed.id())).isZero();
        assertThat(auth.forSession(doomed.id()).getAll("")).isEmpty();
        assertThat(auth.forSession(survivor.id()).get("creds")).contains("z");
        // A session key outlives its session on purpose (see the V1 migration): it still names the
        // session id, which is never reused, so it reaches nothing and the API can answer 404.
        assertThat(accounts.findPrincipal(hash(doomedKey)))
                .contains(new Principal(account.id(), false, Optional.of(doomed.id()), account.plan()));
        assertThat(sessions.findById(doomed.id())).isEmpty();
        assertThat(accounts.findPrincipal(hash(survivorKey))).isPresent();
        assertThat(accounts.findPrincipal(hash(accountKey))).isPresent();
    }

    @Test
    void deletingAnAccountDeletesItsSessionsKeysAndAuthState() throws SQLException {
        var account = account(false);
        accounts.insertAccount(account);
        var session = session(account, "gone-with-account");
        sessions.insert(session);
        var key = key(account, Optional.of(session.id()), null);
        accounts.insertKey(key, hash(key));
        auth.forSession(session.id()).put("creds", "x");

        try (var c = storage.connect(); var st = c.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
            enableForeignKeys(c);
            st.setString(1, account.id());
            assertThat(st.executeUpdate()).isEqualTo(1);
        }

        assertThat(sessions.findById(session.id())).isEmpty();
        assertThat(count("api_keys", "account_id", account.id())).isZero();
        assertThat(count("engine_auth", "session_id", session.id())).isZero();
    }

    @Test
    void aSessionNeedsAnExistingAccountAndAuthStateAnExistingSession() {
        var orphan = new Session(ids.next("ses"), "acc_missing", "orphan", "sandbox", SessionStatus.STOPPED, false,
                SessionConfig.empty(), Optional.empty(), Optional.empty(), next());

        assertThatThrownBy(() -> sessions.insert(orphan)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> auth.forSession("ses_missing").put("creds", "x"))
                .isInstanceOf(RuntimeException.class);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** A distinct, millisecond-precise instant per call, so orderings are deterministic. */
    private Instant next() {
        return T0.plusMillis(tick.incrementAndGet());
    }

    private Account account(boolean admin) {
        return new Account(ids.next("acc"), "account-" + ids.next().toLowerCase(), admin ? "mega" : "basic", admin,
                next());
    }

    private Session session(Account account, String name) {
        return new Session(ids.next("ses"), account.id(), name, "sandbox", SessionStatus.STARTING, true,
                SessionConfig.empty(), Optional.empty(), Optional.empty(), next());
    }

    /** A connection that counts the calls made on it and on the statements it prepares, by method name. */
    private static java.sql.Connection counted(java.sql.Connection connection,
                                               java.util.Map<String, Integer> calls) {
        return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(StoreContract.class.getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
                    calls.merge(method.getName(), 1, Integer::sum);
                    Object result = invoke(connection, method, args);
                    if (result instanceof java.sql.PreparedStatement statement) {
                        return java.lang.reflect.Proxy.newProxyInstance(StoreContract.class.getClassLoader(),
                                new Class<?>[] {java.sql.PreparedStatement.class}, (p, m, a) -> {
                                    calls.merge(m.getName(), 1, Integer::sum);
                                    return invoke(statement, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Session newSession(String name) {
        var account = account(false);
        accounts.insertAccount(account);
        var session = session(account, name);
        assertThat(sessions.insert(session)).isTrue();
        return session;
    }

    private ApiKeyInfo key(Account account, Optional<String> sessionId, String label) {
        String id = ids.next("key");
        return new ApiKeyInfo(id, account.id(), sessionId, "wag_" + id.substring(4, 10), label, next(),
                Optional.empty());
    }

    private static ApiKeyInfo withRevoked(ApiKeyInfo key, Instant at) {
        return new ApiKeyInfo(key.id(), key.accountId(), key.sessionId(), key.prefix(), key.label(), key.createdAt(),
                Optional.of(at));
    }

    /** A stand-in for the SHA-256 hex of the key: 64 characters, unique per key. */
    private static String hash(ApiKeyInfo key) {
        return String.format("%64s", key.id()).replace(' ', '0');
    }

    private List<String> resumable(Account account) {
        return sessions.listToResume().stream().filter(s -> s.accountId().equals(account.id())).map(Session::id)
                .toList();
    }

    private static SessionConfig fullConfig() {
        var webhook = new WebhookConfig("https://example.com/hook", List.of("message", "session.status"),
                new WebhookConfig.Hmac("s3cret"), new WebhookConfig.Retries("exponential", 2, 15),
                List.of(new WebhookConfig.CustomHeader("X-Tenant", "acme")));
        var bare = new WebhookConfig("http://localhost:9/other", null, null, null, null);
        return new SessionConfig(List.of(webhook, bare),
                Map.of("crm-id", "42", "emoji 🎉", "ünïcødé \"quoted\""), "socks5://proxy:1080",
                new SessionConfig.Pacing(1000, 3000, true, 20));
    }

    private long count(String table, String column, String value) throws SQLException {
        try (var c = storage.connect();
             var st = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
            st.setString(1, value);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void enableForeignKeys(java.sql.Connection c) throws SQLException {
        if (backend() == TestDatabase.Backend.SQLITE) {
            try (var st = c.createStatement()) {
                st.execute("PRAGMA foreign_keys = ON");
            }
        }
    }
}
