package io.wagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.config.Config;
import io.wagate.support.Api;
import io.wagate.support.TestServer;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An emulator and a wagate aimed at it, for all tests of a class:
 * {@code @RegisterExtension static final EmulatorWagate emu = new EmulatorWagate();}
 */
final class EmulatorWagate implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<Config.BaileysConfig> tune;
    private final UnaryOperator<Config> customize;
    private Emulator emulator;
    private ControlClient control;
    private TestServer server;

    EmulatorWagate() {
        this(UnaryOperator.identity());
    }

    /** {@code tune} changes the Baileys settings of {@link LinkedSessions#wagate(Emulator)}. */
    EmulatorWagate(UnaryOperator<Config.BaileysConfig> tune) {
        this(tune, UnaryOperator.identity());
    }

    /** {@code customize} changes the rest of the server's config (applied when the class starts). */
    EmulatorWagate(UnaryOperator<Config.BaileysConfig> tune, UnaryOperator<Config> customize) {
        this.tune = tune;
        this.customize = customize;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = Emulator.start(0);
        control = new ControlClient(emulator.controlUrl());
        server = LinkedSessions.wagate(emulator, tune, customize);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            server.close();
        } finally {
            emulator.close();
        }
    }

    Emulator emulator() {
        return emulator;
    }

    ControlClient control() {
        return control;
    }

    TestServer server() {
        return server;
    }

    /** The admin's client for the server as it runs now (its port changes on restart). */
    Api api() {
        return server.api();
    }

    JsonNode linkByQr(String name, String number, Map<String, Object> config) {
        return LinkedSessions.linkByQr(api(), control, name, number, config);
    }

    JsonNode awaitStatus(String name, String status) {
        return LinkedSessions.awaitStatus(api(), name, status);
    }

    long connections() {
        return control.get("/stats").json().path("connections").asLong();
    }
}
