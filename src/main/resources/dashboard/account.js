import { call } from "./api.js";
import { el, errorLine } from "./dom.js";
import { AdminPanel } from "./admin.js";

const number = (n) => n.toLocaleString("en");
const limit = (n, unit) => (n == null ? "unlimited" : `${number(n)} ${unit}`);

/** The signed-in key's account: plan, this month's usage against the quota, rate limit; the operator's tools for the admin key. */
export class AccountView {
  constructor(section) {
    this.section = section;
    this.title = el("h2", { id: "account-title", tabindex: "-1" }, "Account");
    this.facts = el("dl", { class: "facts" });
    this.error = errorLine();
    this.admin = null;
    section.replaceChildren(this.title, el("div", { class: "card" }, this.facts), this.error);
  }

  heading() {
    return this.title;
  }

  async show() {
    this.section.hidden = false;
    let account;
    try {
      account = await call("GET", "/v1/account");
    } catch (e) {
      this.error.textContent = `Could not read the account: ${e.message}`;
      return;
    }
    const { plan, usage } = account;
    const used = el("span", {}, `${number(usage.requests)} of ${limit(usage.requestsPerMonth, "requests")}`,
      usage.remaining == null ? "" : ` (${number(usage.remaining)} left)`,
      usage.overage > 0 ? ` · ${number(usage.overage)} overage` : "");
    const meter = usage.requestsPerMonth == null ? null
      : el("progress", { max: usage.requestsPerMonth, value: Math.min(usage.requests, usage.requestsPerMonth),
        "aria-label": "Requests this month" });
    const rows = [
      ["Account", `${account.name}${account.admin ? " (admin)" : ""}`],
      ["Plan", plan.name],
      [`Requests in ${usage.month}`, el("span", { class: "usage" }, meter, used)],
      ["Over the quota", plan.requestsPerMonth == null ? "—" : plan.overage ? "served, counted as overage" : "refused (429) until the month turns"],
      ["Rate limit", limit(plan.requestsPerSecond, "requests per second")],
      ["Sessions", `${number(usage.sessions)} of ${limit(usage.maxSessions, "").trim()}`],
    ];
    this.facts.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
    if (account.admin && !this.admin) {
      this.admin = new AdminPanel();
      this.section.append(this.admin.node);
      await this.admin.refresh();
    }
  }

  close() {
    this.section.replaceChildren();
  }
}
