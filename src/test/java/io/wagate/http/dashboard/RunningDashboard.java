package io.wagate.http.dashboard;

import io.wagate.support.TestServer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server and one browser on its dashboard for all tests of a class, each test in a fresh tab:
 * {@code @RegisterExtension static final RunningDashboard dashboard = new RunningDashboard(TestServer::start);}
 */
final class RunningDashboard implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final Supplier<TestServer> starter;
    private TestServer server;
    private Browser browser;

    RunningDashboard(Supplier<TestServer> starter) {
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = starter.get();
        browser = Browser.start(server.api().base());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser.freshTab();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    TestServer server() {
        return server;
    }

    Browser browser() {
        return browser;
    }
}
