package io.wagate.plan;

import io.wagate.error.ApiException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plans: validated edits, and their limits for every request. Plans are read on every request
 * but change only by the admin, so they are kept in memory and reloaded after each change; in a cluster, where
 * another node may have changed them, also once they are older than a given age.
 */
public final class PlanService {
    private static final Logger log = LoggerFactory.getLogger(PlanService.class);
    private static final Pattern NAME = Pattern.compile("^[a-z0-9_-]{1,40}$");
    /** The plan of an account created without one. */
    public static final String DEFAULT_PLAN = "basic";
    /** The built-in admin account's plan: no limits. */
    public static final String ADMIN_PLAN = "unlimited";

    private final PlanStore store;
    /** How long the plans in memory are used before they are read again (null: until this node changes them). */
    private final Duration maxAge;
    private volatile Map<String, Plan> plans;
    private volatile long loadedAt;

    public PlanService(PlanStore store) {
        this(store, null);
    }

    /** @param maxAge how old the plans kept in memory may be (cluster: other nodes edit them too), or null */
    public PlanService(PlanStore store, Duration maxAge) {
        this.store = store;
        this.maxAge = maxAge;
        reload();
    }

    /** The plans, read again first when they are older than {@link #maxAge}. */
    private Map<String, Plan> plans() {
        if (maxAge != null && System.nanoTime() - loadedAt > maxAge.toNanos()) {
            synchronized (this) {
                if (System.nanoTime() - loadedAt > maxAge.toNanos()) {
                    reload();
                }
            }
        }
        return plans;
    }

    public List<Plan> list() {
        return plans().values().stream().sorted(Comparator.comparing(Plan::name)).toList();
    }

    public Plan get(String name) {
        var plan = plans().get(name);
        if (plan == null) {
            throw ApiException.notFound("plan '" + name + "' not found");
        }
        return plan;
    }

    public synchronized Plan create(Plan plan) {
        validate(plan);
        if (!store.insert(plan)) {
            throw ApiException.conflict("a plan named '" + plan.name() + "' already exists");
        }
        reload();
        log.info("plan {} created: {}", plan.name(), plan);
        return plan;
    }

    /** Replaces every limit of an existing plan; accounts on it get the new limits with their next request. */
    public synchronized Plan update(Plan plan) {
        get(plan.name());
        validate(plan);
        if (!store.update(plan)) {
            throw ApiException.notFound("plan '" + plan.name() + "' not found");
        }
        reload();
        log.info("plan {} updated: {}", plan.name(), plan);
        return plan;
    }

    /** {@code name} if an account may be put on it, else a 400 naming {@code field} and the plans there are. */
    public String requireKnown(String name, String field) {
        if (name == null || !plans().containsKey(name)) {
            throw ApiException.badRequest(field + " must be one of " + list().stream().map(Plan::name).toList());
        }
        return name;
    }

    /**
     * The limits for an account on plan {@code name}. Plans cannot be deleted, so a missing one means
     * the store was edited by hand: refuse rather than guess at limits.
     */
    public Plan limitsOf(String name) {
        var plan = plans().get(name);
        if (plan == null) {
            throw ApiException.forbidden("this account's plan '" + name + "' does not exist; ask the operator");
        }
        return plan;
    }

    /** Refuses (403) a new session when an account on plan {@code name} already has {@code existing}. */
    public void checkSessionCap(String name, long existing) {
        var plan = limitsOf(name);
        if (plan.maxSessions() != null && existing >= plan.maxSessions()) {
            throw ApiException.forbidden("plan '" + plan.name() + "' allows " + plan.maxSessions() + " session"
                    + (plan.maxSessions() == 1 ? "" : "s") + " and this account has " + existing
                    + "; delete a session or move the account to a larger plan");
        }
    }

    private static void validate(Plan plan) {
        if (plan.name() == null || !NAME.matcher(plan.name()).matches()) {
            throw ApiException.badRequest("name must match " + NAME.pattern());
        }
        if (plan.requestsPerMonth() != null && plan.requestsPerMonth() < 0) {
            throw ApiException.badRequest("requestsPerMonth must be 0 or more, or null for unlimited");
        }
        // A bucket needs room for one request; a plan that may send nothing has requestsPerMonth 0.
        if (plan.requestsPerSecond() != null && plan.requestsPerSecond() < 1) {
            throw ApiException.badRequest("requestsPerSecond must be 1 or more, or null for unlimited");
        }
        if (plan.maxSessions() != null && plan.maxSessions() < 0) {
            throw ApiException.badRequest("maxSessions must be 0 or more, or null for unlimited");
        }
    }

    private void reload() {
        plans = store.list().stream().collect(Collectors.toUnmodifiableMap(Plan::name, Function.identity()));
        loadedAt = System.nanoTime();
    }
}
