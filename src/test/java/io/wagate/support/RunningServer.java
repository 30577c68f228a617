package io.wagate.support;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestServer} for all tests of a class:
 * {@code @RegisterExtension static final RunningServer server = new RunningServer();}
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<TestServer> starter;
    private TestServer server;

    public RunningServer() {
        this(TestServer::start);
    }

    public RunningServer(Supplier<TestServer> starter) {
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = starter.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    public TestServer get() {
        return server;
    }

    /** The admin's client for the server as it runs now (its port changes on restart). */
    public Api api() {
        return server.api();
    }

    public Api api(String key) {
        return server.api(key);
    }
}
