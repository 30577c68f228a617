package io.wagate.engine.sandbox;

import io.wagate.engine.SandboxWire;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.config.Config.SandboxConfig;
import io.wagate.engine.Engine;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The in-process simulated WhatsApp network (README "The sandbox engine"): sessions link without a phone and talk
 * to each other. Linking rules are in {@link SandboxSession}.
 */
public final class SandboxEngine implements Engine {
    public static final String NAME = "sandbox";
    /** Where a linked session keeps its number in its auth state. */
    public static final String NUMBER_KEY = SandboxSession.AUTH_NUMBER;

    private final SandboxConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sandbox-timers").daemon().factory());
    private final SandboxNetwork network;

    /** A sandbox whose messages in transit live in memory only (engine tests). */
    public SandboxEngine(SandboxConfig config, Clock clock, Path spool) {
        this(config, clock, spool, InTransit.NONE);
    }

    /**
     * @param spool where media in transit between sandbox sessions is kept; at start, what no message in
     *              {@code transit} needs any more is deleted
     */
    public SandboxEngine(SandboxConfig config, Clock clock, Path spool, StoredInTransit transit) {
        this(config, clock, spool, transit, Optional.empty());
    }

    /**
     * Cluster mode ({@code wire} present): sessions of this node and of the others talk to each other through the
     * store and the wire; the spool holds this node's media in transit only.
     */
    public SandboxEngine(SandboxConfig config, Clock clock, Path spool, StoredInTransit transit,
                         Optional<SandboxWire> wire) {
        this(config, clock, spool, transit, wire, transit.json());
    }

    private SandboxEngine(SandboxConfig config, Clock clock, Path spool, InTransit transit) {
        this(config, clock, spool, transit, Optional.empty(), new ObjectMapper());
    }

    private SandboxEngine(SandboxConfig config, Clock clock, Path spool, InTransit transit,
                          Optional<SandboxWire> wire, ObjectMapper json) {
        this.config = config;
        this.clock = clock;
        clearSpool(spool, transit.spooled());
        this.network = new SandboxNetwork(timers, clock, spool, transit,
                new SandboxRemote(wire, json, transit, timers));
    }

    /** Media in transit at the last stop that no message in transit needs (delivered, or never to be). */
    private static void clearSpool(Path spool, java.util.List<Path> needed) {
        if (!Files.isDirectory(spool)) {
            return;
        }
        var keep = new java.util.HashSet<Path>();
        needed.forEach(path -> keep.add(path.toAbsolutePath().normalize()));
        try (var files = Files.list(spool)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!keep.contains(file.toAbsolutePath().normalize())) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the sandbox spool " + spool, e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean simulatesAccounts() {
        return true;
    }

    @Override
    public EngineSession open(EngineSessionContext context) {
        var session = new SandboxSession(context, config, network, timers, clock);
        session.claimStoredNumber();
        return session;
    }

    @Override
    public Health health() {
        return new Health(!timers.isShutdown(), network.size() + " linked sandbox numbers online");
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
