package io.wagate.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.QrCodes;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium through chromedriver) against the real
 * server, its sandbox waiting for a pairing code. Elements are found by ARIA role and accessible name.
 */
class DashboardBrowserTest {
    @RegisterExtension
    static final RunningDashboard dashboard = new RunningDashboard(TestServer::startWithoutAutoLink);
    private static TestServer server;
    private static Browser browser;
    private static ChromeDriver driver;
    private static String base;

    @BeforeAll
    static void start() {
        server = dashboard.server();
        base = server.api().base();
        browser = dashboard.browser();
        driver = browser.driver;
    }

    @Test
    void aWrongKeyIsRefusedWithAMessageAndNothingIsStored() {
        signIn("wag_not_a_key");

        var alert = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(alert.getText()).contains("not accepted");
        assertThat(stored()).isNull();
        assertThat(browser.isShown("button", "Create session")).isFalse();
    }

    @Test
    void signInCreateASessionSeeItsQrAndLinkWithAPairingCodeWithoutReload() throws Exception {
        String key = Accounts.createKey(server.api(), "dash-link", "unlimited");
        signIn(key);
        browser.wait.until(ExpectedConditions.visibilityOf(button("Create session"))).click();
        field("Name").sendKeys("shop");
        new org.openqa.selenium.support.ui.Select(field("Engine")).selectByValue("sandbox");
        button("Create").click();

        // The live stream connects with the key as a subprotocol, and the QR comes as a blob image.
        browser.wait.until(ExpectedConditions.textToBe(By.id("live"), "Live"));
        WebElement qr = browser.role("img", "QR code for shop");
        browser.wait.until(d -> qr.getAttribute("src") != null && qr.getAttribute("src").startsWith("blob:")
                && ((Number) driver.executeScript("return arguments[0].naturalWidth", qr)).intValue() > 0);
        assertThat(qr.getSize().getWidth()).isGreaterThanOrEqualTo(200);
        assertThat(card("shop").getText()).contains("SCAN_QR_CODE", "sandbox");
        Files.write(Path.of("target", "dashboard-qr.png"), driver.getScreenshotAs(OutputType.BYTES));
        // The code on screen is the session's current one (it may rotate meanwhile: read both again then).
        browser.wait.until(d -> shownQr(qr).equals(server.api(key).get("/v1/shop/auth/qr?format=raw").json().path("value").asText()));

        String before = driver.executeScript("return performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin").toString();
        field("Phone number").sendKeys("+1 555 010 2030");
        button("Get pairing code").click();

        browser.wait.until(d -> card("shop").getText().contains("WORKING"));
        assertThat(card("shop").getText()).contains("15550102030");
        assertThat(browser.isShown("img", "QR code for shop")).isFalse();
        assertThat(driver.executeScript("return performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin").toString())
                .as("the page was not reloaded").isEqualTo(before);
        assertThat(server.api(key).get("/v1/sessions/shop").json().get("status").asText()).isEqualTo("WORKING");
    }

    @Test
    void aSessionDeletedOnlyAfterConfirmAndOthersChangesAppearLive() {
        String key = Accounts.createKey(server.api(), "dash-delete", "unlimited");
        signIn(key);
        browser.wait.until(ExpectedConditions.visibilityOf(button("Create session")));
        browser.wait.until(ExpectedConditions.textToBe(By.id("live"), "Live"));
        // Created by another client: the list hears it from the event stream.
        server.api(key).post("/v1/sessions", Map.of("name", "gone", "engine", "sandbox"));
        browser.wait.until(d -> card("gone").getText().contains("SCAN_QR_CODE"));

        within(card("gone"), "Delete").click();
        browser.within(browser.shownDialog(), "button", "Cancel").click();
        assertThat(server.api(key).get("/v1/sessions/gone").status()).isEqualTo(200);

        within(card("gone"), "Delete").click();
        browser.within(browser.shownDialog(), "button", "Delete").click();
        browser.wait.until(d -> !browser.isShown("listitem", "Session gone"));
        assertThat(server.api(key).get("/v1/sessions/gone").status()).isEqualTo(404);
    }

    @Test
    void valuesFromTheApiAreShownAsTextNeverAsMarkup() {
        String key = Accounts.createKey(server.api(), "dash-xss", "unlimited");
        String hostile = "<img src=x onerror=alert(1)>";
        server.api(key).post("/v1/sessions", Map.of("name", "xss", "engine", "sandbox",
                "config", Map.of("metadata", Map.of("note", hostile))));
        signIn(key);

        browser.wait.until(d -> card("xss").getText().contains(hostile));
        assertThat(driver.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void signOutForgetsTheKey() {
        signIn(Accounts.createKey(server.api(), "dash-out", "unlimited"));
        browser.wait.until(ExpectedConditions.visibilityOf(button("Sign out")));
        // The sign-in form that had the focus is gone: the sessions' heading has it now.
        browser.wait.until(d -> d.switchTo().activeElement().getTagName().equals("h2")
                && d.switchTo().activeElement().getText().equals("Sessions"));
        assertThat(stored()).startsWith("wag_");

        button("Sign out").click();

        browser.wait.until(ExpectedConditions.visibilityOf(field("API key")));
        assertThat(stored()).isNull();
        driver.navigate().refresh();
        browser.wait.until(ExpectedConditions.visibilityOf(field("API key")));
        assertThat(browser.isShown("button", "Create session")).isFalse();
    }

    @Test
    void theDashboardForbidsInlineScriptsAndFramingAndTheApiKeepsItsPlaces() {
        Api anonymous = server.api().anonymous();
        for (String path : new String[] {"/", "/dashboard/main.js", "/dashboard/app.css"}) {
            var page = anonymous.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            String csp = page.header("Content-Security-Policy");
            assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "img-src 'self' blob:")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(anonymous.get("/").text()).contains("<main>");
        assertThat(anonymous.get("/dashboard/main.js").header("Content-Type")).startsWith("text/javascript");

        var missing = anonymous.get("/dashboard/nothing.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("statusCode").asInt()).isEqualTo(404);
        assertThat(anonymous.get("/dashboard/..%2Fopenapi.json").status()).isEqualTo(404);
        var unknownApi = server.api().get("/v1/no-such-route");
        assertThat(unknownApi.status()).isEqualTo(404);
        assertThat(unknownApi.json().get("statusCode").asInt()).isEqualTo(404);
        assertThat(anonymous.get("/docs").text()).contains("swagger-ui");
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
    }

    /**
     * A fresh load (the browser's cache emptied) of the page a new visitor sees: what came over the wire for the
     * page and every file it loads before anyone signs in (transfer sizes, headers included). Written to
     * target/dashboard-first-paint.txt for bench/README.md.
     */
    @Test
    void theFirstPaintLoadsUnder100KB() throws Exception {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        driver.get(base + "/");
        browser.role("button", "Sign in");
        browser.wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
        var figures = (Map<?, ?>) driver.executeScript("""
                const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
                const paint = performance.getEntriesByName('first-contentful-paint')[0];
                return { transferred: entries.reduce((sum, e) => sum + e.transferSize, 0),
                         decoded: entries.reduce((sum, e) => sum + e.decodedBodySize, 0),
                         files: entries.length, cached: entries.filter(e => e.transferSize === 0).length,
                         paintMs: paint ? Math.round(paint.startTime) : -1 };""");
        long transferred = ((Number) figures.get("transferred")).longValue();
        String line = String.format("dashboard first paint: %d bytes transferred (%d decoded) in %d files, first contentful paint at %d ms%n",
                transferred, ((Number) figures.get("decoded")).longValue(), ((Number) figures.get("files")).longValue(),
                ((Number) figures.get("paintMs")).longValue());
        System.out.print(line);
        Files.writeString(Path.of("target", "dashboard-first-paint.txt"), line);
        assertThat(((Number) figures.get("cached")).longValue()).as("nothing came from the cache").isZero();
        assertThat(((Number) figures.get("files")).longValue()).isGreaterThanOrEqualTo(5);
        assertThat(transferred).isPositive().isLessThan(100_000);
    }

    @Test
    void atPhoneWidthNothingScrollsSideways() {
        String key = Accounts.createKey(server.api(), "dash-phone", "unlimited");
        server.api(key).post("/v1/sessions", Map.of("name", "a-rather-long-session-name-for-a-phone", "engine", "sandbox"));
        browser.resize(Browser.PHONE);
        signIn(key);
        browser.role("img", "QR code for a-rather-long-session-name-for-a-phone");
        assertThat(browser.sidewaysOverflow()).isLessThanOrEqualTo(0);
    }

    /** The text of the QR image as the page shows it: its pixels, read through a canvas. */
    private static String shownQr(WebElement img) {
        String dataUrl = (String) driver.executeScript("""
                const img = arguments[0], canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
                canvas.getContext('2d').drawImage(img, 0, 0);
                return canvas.toDataURL('image/png');""", img);
        try {
            return QrCodes.decode(java.util.Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)));
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }

    private static void signIn(String key) {
        browser.signIn(key);
    }

    private static String stored() {
        return (String) driver.executeScript("return sessionStorage.getItem('wagate.key')");
    }

    private static WebElement field(String label) {
        return browser.role(label.equals("Engine") ? "combobox" : "textbox", label);
    }

    private static WebElement button(String name) {
        return browser.role("button", name);
    }

    private static WebElement within(WebElement scope, String name) {
        return browser.within(scope, "button", name);
    }

    private static WebElement card(String session) {
        return browser.item("Session " + session);
    }
}
