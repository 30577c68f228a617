package io.wagate.engine.sandbox;

import io.wagate.config.Config.SandboxConfig;
import io.wagate.engine.Engine;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The in-process simulated WhatsApp network (README "The sandbox engine"): sessions link without a phone and talk
 * to each other. Linking rules are in {@link SandboxSession}.
 */
public final class SandboxEngine implements Engine {
    public static final String NAME = "sandbox";

    private final SandboxConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sandbox-timers").daemon().factory());
    private final SandboxNetwork network;

    /** @param spool where media in transit between sandbox sessions is kept; emptied at start */
    public SandboxEngine(SandboxConfig config, Clock clock, Path spool) {
        this.config = config;
        this.clock = clock;
        clearSpool(spool);
        this.network = new SandboxNetwork(timers, clock, spool);
    }

    /** Media in transit at the last stop was in memory-only queues, which are gone: so is their media. */
    private static void clearSpool(Path spool) {
        if (!Files.isDirectory(spool)) {
            return;
        }
        try (var files = Files.list(spool)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
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
