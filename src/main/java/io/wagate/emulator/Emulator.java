package io.wagate.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.wagate.emulator.control.ControlRoutes;
import io.wagate.emulator.fault.FaultType;
import io.wagate.emulator.media.MediaServer;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A local stand-in for WhatsApp's servers on loopback, enough for unmodified Baileys: the chat WebSocket at
 * {@code /ws/chat} and the control API (phones, faults, stats) beside it on the same port, and an HTTPS media
 * host on a port of its own.
 */
public final class Emulator implements AutoCloseable {
    public static final String WS_PATH = "/ws/chat";

    private final Switchboard switchboard;
    private final MediaServer media;
    private final Javalin app;

    private Emulator(Switchboard switchboard, MediaServer media, Javalin app) {
        this.switchboard = switchboard;
        this.media = media;
        this.app = app;
    }

    /** Starts on 127.0.0.1 at {@code port} (0: any free port). */
    public static Emulator start(int port) {
        var mapper = new ObjectMapper();
        var media = MediaServer.start();
        var switchboard = new Switchboard(ServerKeys.generate(), media);
        var control = new ControlRoutes(switchboard, mapper);
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.routes.wsBeforeUpgrade(WS_PATH, ctx -> refuseWhenFaulted(switchboard, ctx));
            config.routes.ws(WS_PATH, ws -> new ChatSocket(switchboard).register(ws));
            control.register(config.routes);
        });
        app.start("127.0.0.1", port);
        return new Emulator(switchboard, media, app);
    }

    private static void refuseWhenFaulted(Switchboard switchboard, Context ctx) {
        if (switchboard.faults().has(FaultType.REJECT_UPGRADE, null)) {
            switchboard.counters().upgradeRejected();
            ctx.status(503).result("upgrade refused (fault reject-upgrade)");
            ctx.skipRemainingHandlers();
        }
    }

    public int port() {
        return app.port();
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port() + WS_PATH;
    }

    public String controlUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The emulator's root public key (hex), which a client must trust instead of WhatsApp's. */
    public String trustRoot() {
        return HexFormat.of().formatHex(switchboard.keys().rootPublic());
    }

    /** The PEM certificate of the HTTPS media host, which a client must trust for uploads and downloads. */
    public Path mediaCa() {
        return media.caPem();
    }

    public MediaServer media() {
        return media;
    }

    public Switchboard switchboard() {
        return switchboard;
    }

    @Override
    public void close() {
        switchboard.closeAll();
        app.stop();
        media.close();
    }
}
