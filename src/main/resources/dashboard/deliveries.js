import { call } from "./api.js";
import { el, errorLine, when } from "./dom.js";

const REFRESH_MS = 2000;
const PAGE = 20;
const GROUPS = [
  ["pending", "Pending"],
  ["failed", "Failed (dead letters)"],
  ["delivered", "Delivered"],
];

/**
 * A session's webhook deliveries by status, each with its attempts and last error; "Retry" on the dead letters.
 * Deliveries change without an event of their own, so the lists are read again every few seconds while shown,
 * and re-drawn only when they changed (a focused "Retry" keeps its focus).
 */
export class Deliveries {
  constructor(session) {
    this.base = `/v1/sessions/${encodeURIComponent(session)}/webhooks/deliveries`;
    this.error = errorLine();
    this.lists = new Map();
    this.drawn = new Map();
    const groups = GROUPS.map(([status, title]) => {
      const list = el("ol", { class: "rows", "aria-label": `${title} deliveries` });
      const count = el("span", { class: "muted" });
      this.lists.set(status, { list, count });
      return el("section", { class: "deliveries", "aria-labelledby": `deliveries-${status}` },
        el("h4", { id: `deliveries-${status}` }, title, " ", count),
        list);
    });
    this.node = el("section", { class: "card", "aria-labelledby": "deliveries-title" },
      el("h3", { id: "deliveries-title" }, "Deliveries"),
      ...groups,
      this.error);
  }

  async start() {
    await this.refresh();
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  stop() {
    clearInterval(this.timer);
  }

  async refresh() {
    try {
      const lists = await Promise.all(GROUPS.map(([status]) =>
        call("GET", `${this.base}?${new URLSearchParams({ status, limit: String(PAGE) })}`)));
      GROUPS.forEach(([status], i) => this.draw(status, lists[i]));
      this.error.textContent = "";
    } catch (e) {
      this.error.textContent = `Could not list the deliveries: ${e.message}`;
    }
  }

  draw(status, deliveries) {
    const shape = JSON.stringify(deliveries.map(({ envelope, ...rest }) => rest));
    if (this.drawn.get(status) === shape) return;
    this.drawn.set(status, shape);
    const { list, count } = this.lists.get(status);
    count.textContent = `(${deliveries.length}${deliveries.length === PAGE ? "+" : ""})`;
    list.replaceChildren(...deliveries.map((d) => this.row(d)));
  }

  row(d) {
    // A delivered one's last attempt succeeded: its status is an answer, not an error.
    const outcome = d.status === "delivered" ? null : d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : null);
    const timing = d.status === "pending" ? `next attempt ${when(d.nextAttemptAt)}`
      : `${d.status} ${when(d.finishedAt ?? d.lastAttemptAt)}`;
    return el("li", { "aria-label": `Delivery of ${d.event} to ${d.webhookUrl}` },
      el("span", {}, el("strong", {}, d.event), " → ", el("span", { class: "url" }, d.webhookUrl)),
      el("span", { class: "muted" }, ` · ${d.attempts} ${d.attempts === 1 ? "attempt" : "attempts"} · ${timing}`,
        d.status === "delivered" && d.lastStatusCode ? ` · answered ${d.lastStatusCode}` : ""),
      outcome ? el("span", { class: "error-text" }, ` · last error: ${outcome}`) : null,
      d.status === "failed" ? el("button", { type: "button", onclick: (e) => this.retry(d.id, e.target) }, "Retry") : null);
  }

  async retry(id, button) {
    button.disabled = true;
    this.error.textContent = "";
    try {
      await call("POST", `${this.base}/${encodeURIComponent(id)}/retry`);
    } catch (e) {
      this.error.textContent = `Could not retry: ${e.message}`;
      button.disabled = false;
    }
    await this.refresh();
  }
}
