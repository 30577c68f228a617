package io.wagate.cluster;

import io.wagate.config.Config.ClusterConfig;
import io.wagate.error.ApiException;
import io.wagate.node.NodeInstances;
import io.wagate.session.OwnerFence;
import io.wagate.session.SessionOwnership;
import io.wagate.session.StaleOwnerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a node of a cluster (README "Running several nodes"): it heartbeats, holds the leases of
 * the sessions it runs and renews them, takes free and expired sessions while it carries no more than its
 * share, and fences every owner-only write with the generation it took the lease at. A node that could not
 * renew for most of a lease (paused, cut off from the store) stops its sessions here before any other node
 * may take them.
 */
public final class ClusterNode implements SessionOwnership, OwnerFence, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    /** How often a node looks for sessions to take: the delay a takeover adds to the lease. */
    private static final Duration CLAIM_EVERY = Duration.ofSeconds(1);
    /** Sessions taken at one pass at most: a dead node's sessions come back in waves, not in one stampede. */
    private static final int CLAIM_BATCH = 25;
    /** Sessions a node hands over to lighter nodes at one renewal (every third of a lease). */
    private static final int HAND_OVER_BATCH = 5;

    private final ClusterConfig config;
    private final NodeInstances instances;
    private final SessionLeases leases;
    private final long leaseNanos;
    private final long renewEveryNanos;
    /** Sessions this node holds, by id, with the generation it took each at. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    /** One pass (renew, claim, drain) at a time, whichever thread asks. */
    private final ReentrantLock passes = new ReentrantLock();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cluster").daemon().factory());
    private volatile LocalSessions local;
    private volatile boolean draining;
    private volatile boolean stopped;
    private long lastRenewStart;
    private final java.util.concurrent.atomic.LongAdder takeovers = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder renewals = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder renewNanos = new java.util.concurrent.atomic.LongAdder();
    private volatile long lastRenewNanos;
    /** When this node first saw itself carry more than its share while a lighter node had room (0: not so). */
    private long imbalancedSince;

    private ClusterNode(ClusterConfig config, NodeInstances instances, SessionLeases leases) {
        this.config = config;
        this.instances = instances;
        this.leases = leases;
        this.leaseNanos = config.lease().toNanos();
        this.renewEveryNanos = config.lease().toNanos() / 3;
        this.lastRenewStart = System.nanoTime();
    }

    /**
     * Registers the node (refused while another live node has its name) and frees what an earlier process
     * of the same name held: it is dead, and its engine sides with it.
     */
    public static ClusterNode join(Jdbi jdbi, ClusterConfig config, String instanceId) {
        var instances = NodeInstances.registerClusterNode(jdbi, config.nodeName(), instanceId, config.lease());
        var leases = new SessionLeases(jdbi);
        leases.releaseAll(config.nodeName());
        log.info("cluster node {} joined (lease {} ms)", config.nodeName(), config.lease().toMillis());
        return new ClusterNode(config, instances, leases);
    }

    public NodeInstances instances() {
        return instances;
    }

    public String name() {
        return config.nodeName();
    }

    /** Starts renewing and taking sessions, once the server listens at {@code advertiseUrl}. */
    public void start(LocalSessions sessions, String advertiseUrl) {
        this.local = sessions;
        instances.advertise(advertiseUrl);
        timer.scheduleWithFixedDelay(this::tick, 0, CLAIM_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isLocal(String sessionId) {
        return held.containsKey(sessionId);
    }

    @Override
    public void offer(String sessionId) {
        if (local != null) {
            pass(this::claim);
        }
    }

    /** The live node that runs the session when it is not this one; empty while it runs here or nowhere. */
    Optional<SessionLeases.Owner> ownerElsewhere(String sessionId) {
        if (held.containsKey(sessionId)) {
            return Optional.empty();
        }
        return leases.liveOwner(sessionId, config.lease()).filter(owner -> !owner.node().equals(config.nodeName()));
    }

    ClusterConfig config() {
        return config;
    }

    /** Sessions this node took since it started. */
    public long takeovers() {
        return takeovers.sum();
    }

    /** Lease renewals so far, the time they took in all, and the last one's. */
    public long renewals() {
        return renewals.sum();
    }

    public long renewNanos() {
        return renewNanos.sum();
    }

    public long lastRenewNanos() {
        return lastRenewNanos;
    }

    /** How many sessions run here now. */
    public int sessionsHere() {
        return held.size();
    }

    @Override
    public void check(Handle handle, String sessionId) {
        Long generation = held.get(sessionId);
        var current = leases.heldGeneration(handle, sessionId, config.nodeName());
        if (generation == null || current.isEmpty() || !current.get().equals(generation)) {
            if (generation != null && !timer.isShutdown()) {
                try {
                    // Not on this thread: it may be the engine's own, inside a callback.
                    timer.execute(() -> lose(sessionId, generation));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // Stopping: the engine sides close anyway.
                }
            }
            throw new StaleOwnerException("node " + config.nodeName() + " holds session " + sessionId
                    + (generation == null ? " no more" : " at generation " + generation)
                    + "; the store has " + current.map(g -> "generation " + g + " here").orElse("another owner"));
        }
    }

    private void tick() {
        try {
            pass(() -> {
                long now = System.nanoTime();
                if (!held.isEmpty() && now - lastRenewStart > leaseNanos - leaseNanos / 5) {
                    // Paused or cut off for most of a lease: another node may take these any moment.
                    log.warn("node {} could not renew its leases for {} ms: its {} sessions stop here",
                            config.nodeName(), TimeUnit.NANOSECONDS.toMillis(now - lastRenewStart), held.size());
                    List.copyOf(held.keySet()).forEach(id -> lose(id, held.get(id)));
                }
                if (now - lastRenewStart >= renewEveryNanos) {
                    renew(now);
                }
                claim();
            });
        } catch (RuntimeException e) {
            log.warn("cluster pass of node {} failed: {}", config.nodeName(), e.toString());
        }
    }

    private void pass(Runnable work) {
        passes.lock();
        try {
            if (!stopped) {
                work.run();
            }
        } finally {
            passes.unlock();
        }
    }

    private void renew(long startedAt) {
        var drainAsked = instances.heartbeat();
        if (drainAsked.isEmpty()) {
            log.error("node {} was replaced by another start of its name: it stops running sessions",
                    config.nodeName());
            stopped = true;
            List.copyOf(held.keySet()).forEach(id -> lose(id, held.get(id)));
            return;
        }
        var current = leases.renew(config.nodeName(), config.lease());
        lastRenewStart = startedAt;
        lastRenewNanos = System.nanoTime() - startedAt;
        renewals.increment();
        renewNanos.add(lastRenewNanos);
        for (var id : List.copyOf(held.keySet())) {
            Long mine = held.get(id);
            if (!Objects.equals(current.get(id), mine)) {
                lose(id, mine);
            }
        }
        // Leases in this node's name that it no longer runs (it stopped them when it could not renew in
        // time): freed, so that they are taken again rather than renewed with nobody running them.
        var orphaned = current.keySet().stream().filter(id -> !held.containsKey(id)).toList();
        if (!orphaned.isEmpty()) {
            leases.release(config.nodeName(), orphaned);
            log.info("node {} freed {} leases it no longer runs", config.nodeName(), orphaned.size());
        }
        if (drainAsked.get() && !draining) {
            drainNow();
        } else {
            rebalance();
        }
    }

    /**
     * At a renewal: a node carrying more than its share while another live node carries less (one that just
     * joined) hands a few sessions over, drain-style (stopped here, then freed), which the lighter node takes at its next
     * pass on their stored links. Only once the imbalance lasted a lease, and a few per renewal, so that a join
     * never moves everything at once.
     */
    private void rebalance() {
        if (draining || local == null || held.isEmpty()) {
            return;
        }
        var load = leases.load(liveNodes());
        long share = (load.sessions() + load.ownedByNode().size() - 1) / load.ownedByNode().size();
        long lightest = Collections.min(load.ownedByNode().values());
        long surplus = held.size() - share;
        // Other nodes' maximum is taken to be this node's (WAGATE_CLUSTER_MAX_SESSIONS is meant to be the same on
        // every node): a lighter node at it could not take what is handed over.
        boolean roomThere = config.maxSessions() == 0 || lightest < config.maxSessions();
        if (surplus <= 0 || lightest >= share || !roomThere) {
            imbalancedSince = 0;
            return;
        }
        long now = System.nanoTime();
        if (imbalancedSince == 0) {
            imbalancedSince = now;
        }
        // Only once it lasted a lease: a node back from a pause or a blip does not pull sessions at once.
        if (now - imbalancedSince < leaseNanos) {
            return;
        }
        var ids = held.keySet().stream().sorted().limit(Math.min(surplus, HAND_OVER_BATCH)).toList();
        ids.forEach(id -> {
            held.remove(id);
            local.release(id);
        });
        leases.release(config.nodeName(), ids);
        log.info("node {} hands {} sessions over to lighter nodes (share {}, lightest {})", config.nodeName(),
                ids.size(), share, lightest);
    }

    /** The nodes that may take sessions: alive and not draining, this one included. */
    private List<String> liveNodes() {
        var nodes = new ArrayList<String>();
        instances.list().stream().filter(n -> n.alive() && !n.draining()).forEach(n -> nodes.add(n.name()));
        if (!nodes.contains(config.nodeName())) {
            nodes.add(config.nodeName());
        }
        return nodes;
    }

    /** Takes free sessions while this node carries less than its share (and less than its maximum). */
    private void claim() {
        if (draining || local == null) {
            return;
        }
        var nodes = liveNodes();
        var load = leases.load(nodes);
        long mine = held.size();
        long share = (load.sessions() + nodes.size() - 1) / nodes.size();
        long limit = share - mine;
        if (config.maxSessions() > 0) {
            limit = Math.min(limit, config.maxSessions() - mine);
        }
        boolean leastLoaded = mine <= Collections.min(load.ownedByNode().values());
        if (limit <= 0 && leastLoaded && (config.maxSessions() == 0 || mine < config.maxSessions())) {
            // Everyone carries its share, yet sessions may be left (rounding, full nodes): the least loaded takes one.
            limit = 1;
        }
        if (limit <= 0) {
            return;
        }
        var taken = leases.claim(config.nodeName(), (int) Math.min(limit, CLAIM_BATCH), config.lease());
        held.putAll(taken);
        takeovers.add(taken.size());
        taken.forEach((id, generation) -> {
            log.info("node {} takes session {} (generation {})", config.nodeName(), id, generation);
            try {
                local.takeUp(id);
            } catch (RuntimeException e) {
                log.error("session {} could not be taken up on node {}", id, config.nodeName(), e);
            }
        });
    }

    private void lose(String sessionId, Long generation) {
        if (generation == null || !held.remove(sessionId, generation)) {
            return;
        }
        log.warn("node {} lost the lease of session {} (generation {}): it stops here", config.nodeName(),
                sessionId, generation);
        if (local != null) {
            local.release(sessionId);
        }
    }

    /** Hands every session over at once: stopped here first, then freed for the other nodes. */
    private void drainNow() {
        draining = true;
        var ids = List.copyOf(held.keySet());
        ids.forEach(id -> {
            held.remove(id);
            local.release(id);
        });
        leases.release(config.nodeName(), ids);
        log.info("node {} drained: {} sessions handed over", config.nodeName(), ids.size());
    }

    /** {@code POST /admin/nodes/{name}/drain}: this node drains now, another at its next heartbeat. */
    public NodeView drain(String name) {
        if (name.equals(config.nodeName())) {
            pass(this::drainNow);
        } else if (!instances.drain(name)) {
            throw ApiException.notFound("node '" + name + "' not found");
        }
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("node '" + name + "' not found"));
    }

    public List<NodeView> nodes() {
        var owned = leases.ownedCounts();
        return instances.list().stream().map(n -> new NodeView(n.name(), n.advertiseUrl().orElse(null),
                n.heartbeatAt().orElse(null), n.alive(), owned.getOrDefault(n.name(), 0L),
                n.draining() || (n.name().equals(config.nodeName()) && draining),
                n.name().equals(config.nodeName()))).toList();
    }

    /** Stops taking sessions; the server's own stop closes the engine sides next. */
    public void stopTaking() {
        timer.shutdownNow();
        passes.lock();
        try {
            stopped = true;
        } finally {
            passes.unlock();
        }
    }

    /**
     * A clean stop: the engine sides are closed by now (the sessions' own stop ran first), so the leases
     * are freed at once and the other nodes take the sessions at their next pass.
     */
    @Override
    public void close() {
        stopTaking();
        var ids = List.copyOf(held.keySet());
        held.clear();
        try {
            leases.release(config.nodeName(), ids);
            log.info("node {} stopped: {} sessions handed over", config.nodeName(), ids.size());
        } catch (RuntimeException e) {
            log.warn("node {} could not hand its sessions over; they move when their leases run out",
                    config.nodeName(), e);
        }
    }
}
