package io.wagate.account;

import io.wagate.error.ApiException;
import io.wagate.error.Fields;
import io.wagate.ids.Ulid;
import io.wagate.plan.PlanService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accounts, their keys, and turning a presented key into a {@link Principal}. */
public final class AccountService {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final Pattern ACCOUNT_NAME = Pattern.compile("^[a-zA-Z0-9_.@-]{1,100}$");
    static final String ADMIN_ACCOUNT_NAME = "admin";

    private final AccountStore store;
    private final ApiKeys keys;
    private final PlanService plans;
    private final Ulid ids;
    private final Clock clock;
    /** Told of every revocation, by account id: what holds on to a key past its request checks it again. */
    private final List<Consumer<String>> revocationListeners = new CopyOnWriteArrayList<>();

    public AccountService(AccountStore store, ApiKeys keys, PlanService plans, Ulid ids, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.plans = plans;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Makes sure the admin account exists and has a key. Returns the key when one had to be
     * generated, so the caller can show it once; it is stored only as a hash.
     */
    public Optional<String> bootstrapAdmin(Optional<String> configuredKey) {
        var admin = store.findAdmin().orElseGet(() -> {
            var account = new Account(ids.next("acc"), ADMIN_ACCOUNT_NAME, PlanService.ADMIN_PLAN, true,
                    clock.instant());
            store.insertAccount(account);
            return account;
        });
        if (configuredKey.isPresent()) {
            String key = configuredKey.get();
            if (store.findPrincipal(ApiKeys.hash(key)).filter(p -> p.accountId().equals(admin.id())).isEmpty()) {
                // The configured key replaces whatever admin key existed before.
                store.revokeAll(admin.id(), Optional.empty(), clock.instant());
                insertKey(admin.id(), Optional.empty(), "WAGATE_ADMIN_KEY", key);
            }
            return Optional.empty();
        }
        if (!store.listAccountKeys(admin.id()).stream().anyMatch(k -> k.revokedAt().isEmpty())) {
            String key = keys.generate();
            insertKey(admin.id(), Optional.empty(), "generated admin key", key);
            return Optional.of(key);
        }
        return Optional.empty();
    }

    /**
     * {@code listener} hears the account id whenever keys of that account are revoked (a key revoked, a
     * session's key rotated), so that what a key opened (a {@code /v1/ws} stream) does not outlive it.
     */
    public void onRevocation(Consumer<String> listener) {
        revocationListeners.add(listener);
    }

    /** Whether the key of this hash ({@link ApiKeys#hash}) is still live. */
    public boolean isLive(String keyHash) {
        return store.findPrincipal(keyHash).isPresent();
    }

    private void revoked(String accountId) {
        for (var listener : revocationListeners) {
            try {
                listener.accept(accountId);
            } catch (RuntimeException e) {
                log.warn("a revocation listener failed for account {}", accountId, e);
            }
        }
    }

    public Optional<Principal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 200) {
            return Optional.empty();
        }
        return store.findPrincipal(ApiKeys.hash(presentedKey.trim()));
    }

    public record CreatedAccount(Account account, IssuedKey key) {}

    public CreatedAccount createAccount(String name, String plan) {
        if (name == null || !ACCOUNT_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name is required and must match " + ACCOUNT_NAME.pattern());
        }
        String chosenPlan = plans.requireKnown(plan == null ? PlanService.DEFAULT_PLAN : plan, "plan");
        var account = new Account(ids.next("acc"), name, chosenPlan, false, clock.instant());
        if (!store.insertAccount(account)) {
            throw ApiException.conflict("an account named '" + name + "' already exists");
        }
        log.info("account {} created with plan {}", account.id(), chosenPlan);
        return new CreatedAccount(account, issueAccountKey(account.id(), "initial key"));
    }

    public List<Account> listAccounts() {
        return store.listAccounts();
    }

    public Account getAccount(String id) {
        return store.findAccount(id).orElseThrow(() -> ApiException.notFound("account '" + id + "' not found"));
    }

    /** Moves the account to another plan; its limits change with its next request. */
    public Account setPlan(String accountId, String plan) {
        getAccount(accountId);
        String chosenPlan = plans.requireKnown(plan, "plan");
        if (!store.setPlan(accountId, chosenPlan)) {
            throw ApiException.notFound("account '" + accountId + "' not found");
        }
        log.info("account {} moved to plan {}", accountId, chosenPlan);
        return getAccount(accountId);
    }

    public static final int MAX_KEY_LABEL = 100;

    public IssuedKey issueAccountKey(String accountId, String label) {
        Fields.limited(label, "label", MAX_KEY_LABEL);
        getAccount(accountId);
        return insertKey(accountId, Optional.empty(), label, keys.generate());
    }

    public List<ApiKeyInfo> listAccountKeys(String accountId) {
        getAccount(accountId);
        return store.listAccountKeys(accountId);
    }

    public void revokeAccountKey(String accountId, String keyId) {
        getAccount(accountId);
        if (!store.revokeKey(accountId, keyId, clock.instant())) {
            throw ApiException.notFound("key '" + keyId + "' not found or already revoked");
        }
        log.info("key {} of account {} revoked", keyId, accountId);
        revoked(accountId);
    }

    /** Replaces the session's key with a new one: the old key stops working at once. */
    public IssuedKey rotateSessionKey(String accountId, String sessionId) {
        store.revokeAll(accountId, Optional.of(sessionId), clock.instant());
        var issued = insertKey(accountId, Optional.of(sessionId), "session key", keys.generate());
        revoked(accountId);
        return issued;
    }

    private IssuedKey insertKey(String accountId, Optional<String> sessionId, String label, String secret) {
        var info = new ApiKeyInfo(ids.next("key"), accountId, sessionId, ApiKeys.shownPrefix(secret), label,
                clock.instant(), Optional.empty());
        store.insertKey(info, ApiKeys.hash(secret));
        return new IssuedKey(info, secret);
    }
}
