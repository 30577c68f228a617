package io.wagate.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Receiver;
import io.wagate.support.Receiver.Reply;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Every main view of the dashboard with real content (a session waiting for its QR scan, a linked one with
 * messages, a webhook with a dead letter and a delivery, the operator's account view), checked the way a
 * keyboard and screen reader user meets them: every control has an accessible name, Tab goes through the
 * controls in the order they appear, nothing scrolls sideways at 360 px, and the dark colour scheme applies.
 * Each view is also saved as a screenshot in target/screenshots ({@code ./wagate screenshots} copies them into
 * docs/screenshots for the README).
 */
class DashboardViewsTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    /** The views by their address, and the heading each one shows. */
    private static final Map<String, String> VIEWS = Map.of(
            "#/", "sessions-title", "#/sessions/shop", "session-title", "#/account", "account-title");
    private static TestServer server;
    private static Browser browser;
    private static Receiver receiver;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWithoutAutoLink(c -> c.withWebhooks(c.webhooks().withTimeout(Duration.ofSeconds(3))));
        receiver = Receiver.start();
        var admin = server.api();
        Sessions.linked(admin, "shop", "15550106060");
        Sessions.create(admin, "front-desk");
        Sessions.awaitStatus(admin, "front-desk", "SCAN_QR_CODE");
        var answered = new AtomicInteger();
        // The first delivery fails for good (one attempt), the next ones go through.
        receiver.answer(request -> answered.getAndIncrement() == 0 ? Reply.status(503) : Reply.ok());
        assertThat(admin.post("/v1/sessions/shop/webhooks", Map.of("webhookUrl", receiver.url("/orders"),
                "events", List.of("message"), "hmacKey", "shop-secret",
                "retries", Map.of("policy", "constant", "delaySeconds", 1, "attempts", 1))).status()).isEqualTo(201);
        var texts = List.of("Is the shop open today?", "Two croissants, please");
        for (int i = 0; i < texts.size(); i++) {
            assertThat(admin.post("/v1/sendText", Map.of("session", "shop", "chatId", "15550000001",
                    "text", texts.get(i))).status()).isEqualTo(201);
            // Each text's echo reply is one delivery (one attempt each): counted, not read after the send,
            // when the reply may already have been delivered.
            receiver.awaitRequests("the echo reply's delivery", i + 1, r -> true);
        }
        Files.createDirectories(SHOTS);
        browser = Browser.start(admin.base());
        browser.freshTab();
        browser.signIn(TestServer.ADMIN_KEY);
        browser.wait.until(d -> "Live".equals(d.findElement(By.id("live")).getText()));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Opens a view by its address and waits until its content is drawn. */
    private static void show(String hash) {
        browser.driver.executeScript("location.hash = arguments[0]", hash);
        var heading = browser.driver.findElement(By.id(VIEWS.get(hash)));
        browser.wait.until(d -> heading.isDisplayed());
        switch (hash) {
            case "#/" -> browser.wait.until(d -> browser.isShown("img", "QR code for front-desk")
                    && ((Number) browser.driver.executeScript("return document.querySelector('img.qr[src]')?.naturalWidth ?? 0"))
                    .intValue() > 0);
            case "#/sessions/shop" -> {
                browser.within(browser.role("list", "Failed (dead letters) deliveries"), "button", "Retry");
                browser.wait.until(d -> browser.role("list", "Recent messages of shop").getText().contains("croissants"));
                browser.within(browser.role("list", "Delivered deliveries"), "listitem",
                        "Delivery of message to " + receiver.url("/orders"));
            }
            default -> browser.role("table", "Plans");
        }
    }

    @Test
    void everyControlOfEveryViewHasANameAndTabFollowsThePage() throws Exception {
        for (String hash : List.of("#/", "#/sessions/shop", "#/account")) {
            show(hash);
            List<WebElement> controls = focusable();
            assertThat(controls).as(hash).hasSizeGreaterThan(3);
            for (var control : controls) {
                assertThat(control.getAccessibleName()).as(hash + ": the name of " + describe(control)).isNotBlank();
            }
            var reached = tabOrder(controls);
            assertThat(reached.stream().map(DashboardViewsTest::describe).toList())
                    .as(hash + ": Tab goes through the controls as they appear")
                    .containsExactlyElementsOf(controls.stream().map(DashboardViewsTest::describe).toList());
            assertThat(reached).containsExactlyElementsOf(controls);
            for (int i = 1; i < controls.size(); i++) {
                var before = controls.get(i - 1).getRect();
                var after = controls.get(i).getRect();
                boolean sameLine = Math.abs(after.getY() - before.getY()) <= 12;
                assertThat(sameLine ? after.getX() >= before.getX() : after.getY() > before.getY())
                        .as("%s: %s comes after %s on the page", hash, describe(controls.get(i)), describe(controls.get(i - 1)))
                        .isTrue();
            }
            screenshot(hash, "desktop");
        }
    }

    @Test
    void atPhoneWidthNoViewScrollsSideways() throws Exception {
        browser.resize(Browser.PHONE);
        try {
            for (String hash : List.of("#/", "#/sessions/shop", "#/account")) {
                show(hash);
                assertThat(browser.sidewaysOverflow()).as(hash).isLessThanOrEqualTo(0);
                screenshot(hash, "phone");
            }
        } finally {
            browser.resize(Browser.DESKTOP);
        }
    }

    @Test
    void theColoursFollowTheSystemsColourScheme() throws Exception {
        show("#/sessions/shop");
        String light = background();
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            browser.wait.until(d -> !background().equals(light));
            assertThat(luminance(background())).as("dark background").isLessThan(0.2);
            assertThat(luminance(light)).as("light background").isGreaterThan(0.8);
            screenshot("#/sessions/shop", "dark");
        } finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    /** The controls a keyboard reaches, in document order. */
    @SuppressWarnings("unchecked")
    private static List<WebElement> focusable() {
        return (List<WebElement>) browser.driver.executeScript("""
                return [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
                  .filter(e => !e.disabled && e.tabIndex >= 0 && e.checkVisibility({ visibilityProperty: true }));""");
    }

    /** What Tab focuses, one press at a time from the first control on. */
    private static List<WebElement> tabOrder(List<WebElement> controls) {
        browser.driver.executeScript("arguments[0].focus()", controls.getFirst());
        var reached = new ArrayList<WebElement>(List.of(browser.driver.switchTo().activeElement()));
        var keys = new Actions(browser.driver);
        for (int i = 1; i < controls.size(); i++) {
            keys.sendKeys(Keys.TAB).perform();
            reached.add(browser.driver.switchTo().activeElement());
        }
        return reached;
    }

    private static String describe(WebElement e) {
        return e.getTagName() + " '" + e.getAccessibleName() + "'";
    }

    private static String background() {
        return (String) browser.driver.executeScript("return getComputedStyle(document.body).backgroundColor");
    }

    /** Relative luminance (0 black, 1 white) of a computed "rgb(r, g, b)". */
    private static double luminance(String rgb) {
        String[] parts = rgb.replaceAll("[^0-9,]", "").split(",");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(parts[i]) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    /** The whole page (the window made as tall as it), as a PNG in target/screenshots. */
    private static void screenshot(String hash, String variant) throws Exception {
        browser.driver.executeScript("document.activeElement?.blur(); window.scrollTo(0, 0)");
        var window = browser.driver.manage().window();
        Dimension size = window.getSize();
        long height = (Long) browser.driver.executeScript("return document.documentElement.scrollHeight");
        window.setSize(new Dimension(size.getWidth(), (int) Math.min(Math.max(height + 140, size.getHeight()), 4000)));
        try {
            byte[] png = browser.driver.getScreenshotAs(OutputType.BYTES);
            assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isPositive();
            String view = switch (hash) {
                case "#/" -> "sessions";
                case "#/account" -> "account";
                default -> "session";
            };
            Files.write(SHOTS.resolve(view + "-" + variant + ".png"), png);
        } finally {
            window.setSize(size);
        }
    }
}
