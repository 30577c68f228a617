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
 * A bridge directory whose {@code src/main.js} runs the real bridge code on the scripted WhatsApp of
 * {@code bridge/scripted/whatsapp.js}: sessions link at once (as 15550009999), so the whole Baileys
 * path, from HTTP to the socket calls, runs without a WhatsApp server.
 */
final class ScriptedBridge {
    static final String ME = "15550009999@c.us";
    static final String PEER = "15550000001@c.us";
    static final String OWNED_GROUP = "120363100000000001@g.us";
    static final String MEMBER_GROUP = "120363100000000002@g.us";
    static final String PUBLIC_CHANNEL = "120363000000000777@newsletter";

    private ScriptedBridge() {}

    /** Makes the directory (once per test class) and the config that runs bridges from it. */
    static BaileysConfig config() {
        Path real = Path.of("bridge").toAbsolutePath().normalize();
        try {
            Path dir = Files.createTempDirectory("wagate-scripted-bridge-");
            Files.createDirectories(dir.resolve("src"));
            Files.writeString(dir.resolve("src/main.js"), "import '" + real.resolve("scripted/main.js").toUri() + "'\n");
            Files.createDirectories(dir.resolve("node_modules"));
            Files.createSymbolicLink(dir.resolve("node_modules/baileys"), real.resolve("node_modules/baileys"));
            // Deleting the link, not what it points to (the bridge's own node_modules).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (String path : new String[] {"src/main.js", "src", "node_modules/baileys", "node_modules", ""}) {
                    dir.resolve(path).toFile().delete();
                }
            }));
            return new BaileysConfig(dir, "node", Optional.empty(), 1, Duration.ofSeconds(15), Duration.ofSeconds(10),
                    Duration.ofMillis(100), Duration.ofMillis(800));
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
