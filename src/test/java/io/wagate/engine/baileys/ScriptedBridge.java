package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.config.Config.BaileysConfig;
import io.wagate.support.Api;
import io.wagate.support.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Bridges that run the real bridge code on a scripted socket instead of Baileys': {@code src/main.js} loads the
 * module named by {@code WAGATE_BRIDGE_SCRIPTED_SOCKET}, which a {@code node} wrapper sets. {@link #config()} is
 * the scripted WhatsApp of {@code bridge/scripted/whatsapp.js}: sessions link at once (as 15550009999), so the
 * whole Baileys path, from HTTP to the socket calls, runs without a WhatsApp server.
 */
final class ScriptedBridge {
    static final String ME = "15550009999@c.us";
    static final String PEER = "15550000001@c.us";
    static final String OWNED_GROUP = "120363100000000001@g.us";
    static final String MEMBER_GROUP = "120363100000000002@g.us";
    static final String PUBLIC_CHANNEL = "120363000000000777@newsletter";

    private ScriptedBridge() {}

    /** Bridges on the scripted WhatsApp of {@code bridge/scripted/whatsapp.js}. */
    static BaileysConfig config() {
        Path bridge = Path.of("bridge").toAbsolutePath().normalize();
        return withSocket(BaileysConfig.defaults().withNode(bridge, "node").withTimings(Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMillis(800)), "scripted/whatsapp.js");
    }

    /** {@code base}, with bridges started by a {@code node} that loads {@code socketModule} (under the bridge dir). */
    static BaileysConfig withSocket(BaileysConfig base, String socketModule) {
        Path socket = base.bridgeDir().resolve(socketModule);
        try {
            Path node = Files.createTempFile("wagate-scripted-node", ".sh");
            Files.writeString(node, "#!/bin/sh\nWAGATE_BRIDGE_SCRIPTED_SOCKET='" + socket + "' exec node \"$@\"\n");
            assertThat(node.toFile().setExecutable(true)).isTrue();
            node.toFile().deleteOnExit();
            return base.withNode(base.bridgeDir(), node.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a Baileys session and waits until the scripted WhatsApp has linked it. */
    static void working(Api api, String name) {
        var response = api.post("/v1/sessions", Map.of("name", name, "engine", "baileys"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        Sessions.awaitStatus(api, name, "WORKING");
    }
}
