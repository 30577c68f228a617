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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * server, its sandbox waiting for a pairing code. Elements are found by their labels and button names.
 */
class DashboardBrowserTest {
    private static TestServer server;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static String base;

    @BeforeAll
    static void start() {
        server = TestServer.startWithoutAutoLink();
        base = server.api().base();
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // --no-sandbox: tests run as root in CI, where Chromium's own sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshTab() {
        browser.get(base + "/");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOf(field("API key")));
    }

    @Test
    void aWrongKeyIsRefusedWithAMessageAndNothingIsStored() {
        signIn("wag_not_a_key");

        var alert = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(alert.getText()).contains("not accepted");
        assertThat(stored()).isNull();
        assertThat(button("Create session").isDisplayed()).isFalse();
    }

    @Test
    void signInCreateASessionSeeItsQrAndLinkWithAPairingCodeWithoutReload() throws Exception {
        String key = Accounts.createKey(server.api(), "dash-link", "unlimited");
        signIn(key);
        wait.until(ExpectedConditions.visibilityOf(button("Create session"))).click();
        field("Name").sendKeys("shop");
        new org.openqa.selenium.support.ui.Select(field("Engine")).selectByValue("sandbox");
        button("Create").click();

        // The live stream connects with the key as a subprotocol, and the QR comes as a blob image.
        wait.until(ExpectedConditions.textToBe(By.id("live"), "Live"));
        WebElement qr = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("img[alt='QR code for shop']")));
        wait.until(d -> qr.getAttribute("src") != null && qr.getAttribute("src").startsWith("blob:")
                && ((Number) browser.executeScript("return arguments[0].naturalWidth", qr)).intValue() > 0);
        assertThat(qr.getAccessibleName()).isEqualTo("QR code for shop");
        assertThat(qr.getSize().getWidth()).isGreaterThanOrEqualTo(200);
        assertThat(card("shop").getText()).contains("SCAN_QR_CODE", "sandbox");
        Files.write(Path.of("target", "dashboard-qr.png"), browser.getScreenshotAs(OutputType.BYTES));
        // The code on screen is the session's current one (it may rotate meanwhile: read both again then).
        wait.until(d -> shownQr(qr).equals(server.api(key).get("/v1/shop/auth/qr?format=raw").json().path("value").asText()));

        String before = browser.executeScript("return performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin").toString();
        field("Phone number").sendKeys("+1 555 010 2030");
        button("Get pairing code").click();

        wait.until(d -> card("shop").getText().contains("WORKING"));
        assertThat(card("shop").getText()).contains("15550102030");
        assertThat(browser.findElements(By.cssSelector("img[alt='QR code for shop']")).getFirst().isDisplayed()).isFalse();
        assertThat(browser.executeScript("return performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin").toString())
                .as("the page was not reloaded").isEqualTo(before);
        assertThat(server.api(key).get("/v1/sessions/shop").json().get("status").asText()).isEqualTo("WORKING");
    }

    @Test
    void aSessionDeletedOnlyAfterConfirmAndOthersChangesAppearLive() {
        String key = Accounts.createKey(server.api(), "dash-delete", "unlimited");
        signIn(key);
        wait.until(ExpectedConditions.visibilityOf(button("Create session")));
        wait.until(ExpectedConditions.textToBe(By.id("live"), "Live"));
        // Created by another client: the list hears it from the event stream.
        server.api(key).post("/v1/sessions", Map.of("name", "gone", "engine", "sandbox"));
        wait.until(d -> card("gone").getText().contains("SCAN_QR_CODE"));

        within(card("gone"), "Delete").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        button("Cancel").click();
        assertThat(server.api(key).get("/v1/sessions/gone").status()).isEqualTo(200);

        within(card("gone"), "Delete").click();
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(d -> browser.findElements(By.cssSelector("li[aria-label='Session gone']")).isEmpty());
        assertThat(server.api(key).get("/v1/sessions/gone").status()).isEqualTo(404);
    }

    @Test
    void aWorkingSessionSendsATestMessageAndTheEchoContactsReplyAppears() throws Exception {
        String key = Accounts.createKey(server.api(), "dash-send", "unlimited");
        Sessions.linked(server.api(key), "sender", "15550104040");
        signIn(key);
        wait.until(d -> card("sender").getText().contains("WORKING"));
        wait.until(ExpectedConditions.textToBe(By.id("live"), "Live"));

        field("Phone number").sendKeys("15550000001");
        field("Message").clear();
        field("Message").sendKeys("ping from the dashboard");
        button("Send test message").click();

        var messages = By.cssSelector("ol[aria-label='Recent messages of sender'] li");
        wait.until(d -> d.findElements(messages).stream().anyMatch(li -> li.getText().contains("ping from the dashboard")));
        // The echo contact answers; its reply arrives over the event stream.
        wait.until(d -> d.findElements(messages).stream().anyMatch(li -> li.getDomAttribute("class").equals("in")));
        Files.write(Path.of("target", "dashboard-working.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void valuesFromTheApiAreShownAsTextNeverAsMarkup() {
        String key = Accounts.createKey(server.api(), "dash-xss", "unlimited");
        String hostile = "<img src=x onerror=alert(1)>";
        server.api(key).post("/v1/sessions", Map.of("name", "xss", "engine", "sandbox",
                "config", Map.of("metadata", Map.of("note", hostile))));
        signIn(key);

        wait.until(d -> card("xss").getText().contains(hostile));
        assertThat(browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void signOutForgetsTheKey() {
        signIn(Accounts.createKey(server.api(), "dash-out", "unlimited"));
        wait.until(ExpectedConditions.visibilityOf(button("Sign out")));
        assertThat(stored()).startsWith("wag_");

        button("Sign out").click();

        wait.until(ExpectedConditions.visibilityOf(field("API key")));
        assertThat(stored()).isNull();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOf(field("API key")));
        assertThat(button("Create session").isDisplayed()).isFalse();
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

    @Test
    void theFirstPaintLoadsUnder100KB() {
        long bytes = ((Number) browser.executeScript("""
                const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
                return entries.reduce((sum, e) => sum + e.decodedBodySize, 0);""")).longValue();
        long files = ((Number) browser.executeScript("return performance.getEntriesByType('resource').length")).longValue();
        System.out.printf("dashboard first paint: %d bytes in %d files besides the page%n", bytes, files);
        assertThat(files).isGreaterThanOrEqualTo(4);
        assertThat(bytes).isLessThan(100_000);
    }

    @Test
    void atPhoneWidthNothingScrollsSideways() {
        String key = Accounts.createKey(server.api(), "dash-phone", "unlimited");
        server.api(key).post("/v1/sessions", Map.of("name", "a-rather-long-session-name-for-a-phone", "engine", "sandbox"));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 740));
        try {
            signIn(key);
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("img[alt='QR code for a-rather-long-session-name-for-a-phone']")));
            long overflow = (Long) browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).isLessThanOrEqualTo(0);
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    /** The text of the QR image as the page shows it: its pixels, read through a canvas. */
    private static String shownQr(WebElement img) {
        String dataUrl = (String) browser.executeScript("""
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
        field("API key").sendKeys(key);
        button("Sign in").click();
    }

    private static String stored() {
        return (String) browser.executeScript("return sessionStorage.getItem('wagate.key')");
    }

    /** The input a visible label names, as a person reading the form finds it. */
    private static WebElement field(String label) {
        String id = browser.findElements(By.xpath("//label[normalize-space()='" + label + "']")).stream()
                .filter(WebElement::isDisplayed).findFirst()
                .orElseThrow(() -> new AssertionError("no visible field labelled " + label)).getAttribute("for");
        return browser.findElement(By.id(id));
    }

    private static WebElement button(String name) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + name + "']"));
    }

    private static WebElement within(WebElement scope, String name) {
        return scope.findElement(By.xpath(".//button[normalize-space()='" + name + "']"));
    }

    private static WebElement card(String session) {
        return browser.findElement(By.cssSelector("li[aria-label='Session " + session + "']"));
    }
}
