package io.wagate.engine.sandbox;

import io.wagate.config.Config.SandboxConfig;
import io.wagate.engine.Engine;
import io.wagate.engine.EngineSession;
import io.wagate.engine.EngineSessionContext;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The in-process simulated WhatsApp network (DESIGN §9): sessions link without a phone and talk
 * to each other. Linking rules are in {@link SandboxSession}.
 */
public final class SandboxEngine implements Engine {
    public static final String NAME = "sandbox";

    private final SandboxConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sandbox-timers").daemon().factory());
    private final SandboxNetwork network;

    public SandboxEngine(SandboxConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.network = new SandboxNetwork(timers, clock);
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
