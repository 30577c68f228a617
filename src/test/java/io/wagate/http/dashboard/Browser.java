package io.wagate.http.dashboard;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through its chromedriver, one per test class, and the way a screen reader user finds
 * things: by ARIA role and accessible name, both as the browser computes them (WebDriver's computed role and label),
 * never by id or CSS path.
 */
final class Browser implements AutoCloseable {
    static final Dimension DESKTOP = new Dimension(1440, 900);
    static final Dimension PHONE = new Dimension(360, 740);
    /** Where to look for each role before asking the browser for the computed role: keeps the calls few. */
    private static final Map<String, String> CANDIDATES = Map.ofEntries(
            Map.entry("button", "button, [role=button], input[type=submit], input[type=button]"),
            Map.entry("textbox", "input:not([type]), input[type=text], input[type=password], input[type=url], input[type=tel], "
                    + "input[type=search], textarea, [role=textbox]"),
            Map.entry("spinbutton", "input[type=number]"),
            Map.entry("combobox", "select, [role=combobox]"),
            Map.entry("img", "img, [role=img]"),
            Map.entry("link", "a[href]"),
            Map.entry("checkbox", "input[type=checkbox]"),
            Map.entry("list", "ul, ol"),
            Map.entry("listitem", "li"),
            Map.entry("progressbar", "progress"),
            Map.entry("table", "table"),
            Map.entry("dialog", "dialog"));

    final ChromeDriver driver;
    final WebDriverWait wait;
    final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static Browser start(String base) {
        return start(base, false);
    }

    /** {@code dark}: the page is told the system prefers a dark colour scheme. */
    static Browser start(String base, boolean dark) {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // --no-sandbox: tests run as root in CI, where Chromium's own sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        if (dark) {
            options.addArguments("--force-dark-mode", "--blink-settings=preferredColorScheme=0");
        }
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    /** A new tab's state: the page loaded afresh with nothing signed in. */
    void freshTab() {
        driver.manage().window().setSize(DESKTOP);
        driver.get(base + "/");
        driver.executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        wait.until(d -> isShown("textbox", "API key"));
    }

    void signIn(String key) {
        role("textbox", "API key").sendKeys(key);
        role("button", "Sign in").click();
    }

    /** The one shown element with this role and accessible name, waited for. */
    WebElement role(String role, String name) {
        return within(driver, role, name);
    }

    WebElement within(SearchContext scope, String role, String name) {
        return wait.withMessage(() -> "no shown " + role + " named '" + name + "'").until(d -> {
            var found = all(scope, role, name);
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    boolean isShown(String role, String name) {
        return !all(driver, role, name).isEmpty();
    }

    /** Every shown element with this role and accessible name, in document order. */
    List<WebElement> all(SearchContext scope, String role, String name) {
        String css = CANDIDATES.getOrDefault(role, "[role=" + role + "]");
        try {
            return scope.findElements(By.cssSelector(css)).stream()
                    .filter(e -> e.isDisplayed() && is(role, e.getAriaRole()) && name.equals(e.getAccessibleName()))
                    .toList();
        } catch (StaleElementReferenceException | NoSuchElementException redrawn) {
            return List.of();
        }
    }

    /** ARIA 1.3 calls the img role "image", and Chromium's computed role follows it: either name matches. */
    private static boolean is(String role, String computed) {
        return role.equals(computed) || role.equals("img") && "image".equals(computed);
    }

    /** The dialog open now, whatever it asks. */
    WebElement shownDialog() {
        return wait.withMessage("no dialog open").until(d -> d.findElements(By.cssSelector("dialog")).stream()
                .filter(e -> e.isDisplayed() && "dialog".equals(e.getAriaRole())).findFirst().orElse(null));
    }

    /** Waits until an element of this role and name inside {@code scope} shows {@code text}; found anew each time, as lists are redrawn. */
    void awaitText(SearchContext scope, String role, String name, String... text) {
        wait.withMessage(() -> "no shown " + role + " named '" + name + "' with " + String.join(", ", text)).until(d -> {
            try {
                return all(scope, role, name).stream().map(WebElement::getText)
                        .anyMatch(shown -> java.util.Arrays.stream(text).allMatch(shown::contains));
            } catch (StaleElementReferenceException redrawn) {
                return false;
            }
        });
    }

    /** The list item (a card, a row) whose accessible name is {@code name}. */
    WebElement item(String name) {
        return role("listitem", name);
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    long sidewaysOverflow() {
        return (Long) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    }

    void waitShown(WebElement element) {
        wait.until(ExpectedConditions.visibilityOf(element));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
