package io.wagate.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Accounts;
import io.wagate.support.Receiver;
import io.wagate.support.Receiver.Reply;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A session's own page in a real browser: the test send with the echo contact's reply, webhooks, deliveries and "Retry". */
class DashboardSessionPageTest {
    // A webhook timeout well above a loaded machine's answer time: the receiver's own status is the failure.
    @RegisterExtension
    static final RunningDashboard dashboard = new RunningDashboard(() -> TestServer.startWithoutAutoLink(
            c -> c.withWebhooks(c.webhooks().withTimeout(Duration.ofSeconds(3)))));
    private static TestServer server;
    private static Browser browser;
    private static Receiver receiver;

    @BeforeAll
    static void start() {
        server = dashboard.server();
        browser = dashboard.browser();
        receiver = Receiver.start();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** From the sessions list to the session's page by its link; the page's heading takes the focus. */
    private static void open(String session) {
        browser.wait.until(d -> browser.item("Session " + session).getText().contains("WORKING"));
        browser.within(browser.item("Session " + session), "link", session).click();
        var heading = browser.driver.findElement(By.id("session-title"));
        browser.wait.until(d -> heading.isDisplayed() && heading.equals(browser.driver.switchTo().activeElement()));
        assertThat(heading.getText()).isEqualTo("Session " + session);
    }

    @Test
    void aTestMessageToTheEchoContactShowsAsTextAndItsReplyAppearsLive() {
        String key = Accounts.createKey(server.api(), "page-send", "unlimited");
        Sessions.linked(server.api(key), "sender", "15550104040");
        browser.signIn(key);
        browser.wait.until(d -> "Live".equals(browser.driver.findElement(By.id("live")).getText()));
        open("sender");
        String hostile = "ping <img src=x onerror=alert(1)>";

        browser.role("textbox", "Phone number").sendKeys("15550000001");
        var message = browser.role("textbox", "Message");
        message.clear();
        message.sendKeys(hostile);
        browser.role("button", "Send test message").click();

        var recent = browser.role("list", "Recent messages of sender");
        browser.wait.until(d -> recent.getText().contains("To 15550000001 " + hostile));
        // The echo contact answers; its reply arrives over the event stream, without a reload.
        browser.wait.until(d -> recent.findElements(By.cssSelector("li")).stream()
                .anyMatch(li -> li.getText().startsWith("From 15550000001")));
        assertThat(browser.driver.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        // Acks of the sent message show beside it.
        browser.wait.until(d -> recent.getText().matches("(?s).*To 15550000001 .*· (SERVER|DEVICE|READ|PLAYED).*"));
    }

    /**
     * Push names are the account's own to choose (PUT /profile/name), markup included: the list and the session's page
     * show them as the characters they are, and none of it runs. (WhatsApp takes 25 characters, hence two names.)
     */
    @Test
    void pushNamesWithMarkupShowAsTextAndNothingInThemRuns() {
        String key = Accounts.createKey(server.api(), "page-xss", "unlimited");
        var api = server.api(key);
        String img = "<img src=x onerror=X=1>";
        String script = "<script>X=2</script>";
        Sessions.linked(api, "markup", "15550107070");
        Sessions.linked(api, "scripted", "15550107071");
        assertThat(api.put("/v1/sessions/markup/profile/name", java.util.Map.of("name", img)).status()).isEqualTo(200);
        assertThat(api.put("/v1/sessions/scripted/profile/name", java.util.Map.of("name", script)).status())
                .isEqualTo(200);
        // What WhatsApp would show the other as the sender: a message between the two.
        assertThat(api.post("/v1/sendText", java.util.Map.of("session", "markup", "chatId", "15550107071",
                "text", "hi")).status()).isEqualTo(201);

        browser.signIn(key);
        browser.wait.until(d -> browser.item("Session markup").getText().contains(img));
        assertThat(browser.item("Session scripted").getText()).contains(script);
        open("markup");
        browser.wait.until(d -> d.findElement(By.id("session-page")).getText().contains(img));
        assertThat(browser.driver.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThat(browser.driver.findElements(By.xpath("//script[contains(., 'X=2')]"))).isEmpty();
        assertThat(browser.driver.executeScript("return typeof window.X")).isEqualTo("undefined");
    }

    @Test
    void aWebhookToAFailingReceiverLeavesADeadLetterAndRetryDeliversItOnceTheReceiverRecovers() {
        // The admin's own sessions: only an operator's webhook may target a loopback receiver like this one.
        Sessions.linked(server.api(), "hooked", "15550105050");
        // Its Retry-After holds the second attempt back long enough for the page (read every 2 s) to show it pending.
        receiver.answer(request -> Reply.status(500).withHeader("Retry-After", "5"));
        browser.signIn(TestServer.ADMIN_KEY);
        open("hooked");
        String url = receiver.url("/hook");

        browser.role("textbox", "Webhook URL").sendKeys(url);
        var events = browser.role("textbox", "Events");
        events.clear();
        events.sendKeys("message");
        browser.role("textbox", "HMAC key").sendKeys("dashboard-secret");
        browser.role("spinbutton", "Attempts").sendKeys("2");
        browser.role("button", "Add webhook").click();
        WebElement webhook = browser.item("Webhook " + url);
        assertThat(webhook.getText()).contains("message", "signed", "2 attempts");

        // An incoming message (the echo contact's reply) is the event the webhook gets.
        assertThat(server.api().post("/v1/sendText", java.util.Map.of("session", "hooked", "chatId", "15550000001",
                "text", "hello hook")).status()).isEqualTo(201);
        String row = "Delivery of message to " + url;
        // After the first attempt it waits for its second; then it is a dead letter.
        browser.awaitText(browser.role("list", "Pending deliveries"), "listitem", row,
                "1 attempt · next attempt", "last error: the receiver answered 500");
        var failed = browser.role("list", "Failed (dead letters) deliveries");
        WebElement deadLetter = browser.within(failed, "listitem", row);
        assertThat(deadLetter.getText()).contains("2 attempts", "last error: the receiver answered 500");
        assertThat(receiver.requests("/hook").getFirst().header("X-Webhook-Hmac")).isNotBlank();

        receiver.answer(request -> Reply.ok());
        browser.within(deadLetter, "button", "Retry").click();

        var delivered = browser.role("list", "Delivered deliveries");
        browser.within(delivered, "listitem", row);
        browser.wait.until(d -> browser.all(failed, "listitem", row).isEmpty());
        assertThat(receiver.delivered()).hasSize(1);

        browser.within(webhook, "button", "Remove webhook " + url).click();
        browser.within(browser.shownDialog(), "button", "Remove").click();
        browser.wait.until(d -> !browser.isShown("listitem", "Webhook " + url));
        assertThat(server.api().get("/v1/sessions/hooked/webhooks").json()).isEmpty();
    }
}
