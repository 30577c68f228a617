package io.wagate;

import io.wagate.config.Config;
import io.wagate.config.ConfigException;
import java.time.Clock;
import org.slf4j.LoggerFactory;

/** {@code java -jar wagate.jar}: reads the environment, starts, and stops cleanly on SIGTERM/Ctrl-C. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("wagate: " + e.getMessage());
            System.exit(2);
            return;
        }
        App app;
        try {
            app = App.start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            // Exit instead of leaving a half-started JVM behind (pool and server threads keep it alive).
            LoggerFactory.getLogger(Main.class).error("wagate could not start: {}", e.getMessage(), e);
            System.err.println("wagate: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        app.generatedAdminKey().ifPresent(key -> printAdminKey(key, app.port()));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(app::close));
    }

    private static void printAdminKey(String key, int port) {
        System.out.printf("""

                ================================================================================
                 wagate generated an admin API key. It is shown only this once: save it now.
                 (Only its hash is stored. Set WAGATE_ADMIN_KEY to choose your own.)

                   %s

                 Try it:
                   curl -s -X POST http://localhost:%d/v1/sessions \\
                     -H 'X-API-Key: %s' -H 'Content-Type: application/json' \\
                     -d '{"name":"demo","engine":"sandbox"}'
                ================================================================================

                """, key, port, key);
        System.out.flush();
    }
}
