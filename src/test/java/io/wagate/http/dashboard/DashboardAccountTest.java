package io.wagate.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Accounts;
import io.wagate.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The account view in a real browser: plan, usage and rate limit for any key; accounts, keys and plans for the admin's. */
class DashboardAccountTest {
    @RegisterExtension
    static final RunningDashboard dashboard = new RunningDashboard(TestServer::start);
    private static Browser browser;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = dashboard.server();
        browser = dashboard.browser();
    }

    private static void openAccount() {
        browser.role("link", "Account").click();
        var heading = browser.driver.findElement(By.id("account-title"));
        browser.wait.until(d -> heading.equals(browser.driver.switchTo().activeElement()));
    }

    @Test
    void anAccountKeySeesItsPlanItsUsageAgainstTheQuotaAndItsRateLimitButNoOperatorTools() {
        browser.signIn(Accounts.createKey(server.api(), "view-pro", "pro"));
        openAccount();

        var meter = browser.role("progressbar", "Requests this month");
        String page = browser.driver.findElement(By.id("account")).getText();
        assertThat(page).contains("view-pro", "pro", "of 1,000 requests", "left)",
                "10 requests per second", "served, counted as overage", "0 of 3");
        assertThat(Integer.parseInt(meter.getDomAttribute("max"))).isEqualTo(1000);
        assertThat(Integer.parseInt(meter.getDomProperty("value"))).isPositive();
        assertThat(browser.isShown("table", "Accounts")).isFalse();
    }

    @Test
    void theAdminCreatesAnAccountChangesItsPlanIssuesAndRevokesAKeyAndCreatesAPlan() {
        browser.signIn(TestServer.ADMIN_KEY);
        openAccount();
        assertThat(browser.driver.findElement(By.id("account")).getText()).contains("(admin)", "unlimited");

        browser.role("textbox", "Account name").sendKeys("view-new");
        new Select(browser.role("combobox", "Plan")).selectByValue("pro");
        browser.role("button", "Create account").click();
        browser.wait.until(d -> d.findElement(By.id("account")).getText().contains("Account view-new created"));
        String id = Accounts.id(server.api(), "view-new");
        assertThat(server.api().get("/admin/accounts/" + id).json().path("plan").asText()).isEqualTo("pro");

        new Select(browser.role("combobox", "Plan of view-new")).selectByValue("ultra");
        browser.wait.until(d -> server.api().get("/admin/accounts/" + id).json().path("plan").asText().equals("ultra"));

        browser.role("button", "Keys of view-new").click();
        browser.role("textbox", "Key label").sendKeys("ci");
        browser.role("button", "Issue key").click();
        browser.wait.until(d -> server.api().get("/admin/accounts/" + id + "/keys").json().size() == 2);
        var issued = server.api().get("/admin/accounts/" + id + "/keys").json().findParents("label").stream()
                .filter(k -> k.path("label").asText().equals("ci")).findFirst().orElseThrow();
        String prefix = issued.path("prefix").asText();
        browser.role("button", "Revoke key " + prefix).click();
        browser.within(browser.shownDialog(), "button", "Revoke").click();
        browser.wait.until(d -> server.api().get("/admin/accounts/" + id + "/keys").json().findParents("label").stream()
                .anyMatch(k -> k.path("prefix").asText().equals(prefix) && !k.path("revokedAt").isNull()
                        && !k.path("revokedAt").isMissingNode()));

        browser.role("textbox", "Plan name").sendKeys("view-plan");
        browser.role("spinbutton", "Requests per month").sendKeys("500");
        browser.role("spinbutton", "Requests per second").sendKeys("5");
        browser.role("checkbox", "Overage").click();
        browser.role("button", "Create plan").click();
        browser.wait.until(d -> browser.role("table", "Plans").getText().contains("view-plan 500 5 unlimited overage"));
        var plan = server.api().get("/admin/plans/view-plan").json();
        assertThat(plan.path("requestsPerMonth").asLong()).isEqualTo(500);
        assertThat(plan.path("maxSessions").isNull()).isTrue();
        assertThat(plan.path("overage").asBoolean()).isTrue();
    }
}
