import { call } from "./api.js";
import { confirmAction, el, errorLine, field } from "./dom.js";

/** A session's webhooks: the list with "Remove" on each, and a form that adds one (events, HMAC key, attempts). */
export class Webhooks {
  constructor(session, changed) {
    this.base = `/v1/sessions/${encodeURIComponent(session)}/webhooks`;
    this.changed = changed;
    this.list = el("ul", { class: "rows", "aria-label": "Webhooks" });
    this.empty = el("p", { class: "muted", hidden: true }, "No webhooks: events reach only the live stream.");
    this.url = field("Webhook URL", { name: "webhookUrl", type: "url", required: true, placeholder: "https://example.com/hook" });
    this.events = field("Events", { name: "events", value: "message", autocomplete: "off",
      "aria-describedby": "events-help" });
    this.hmac = field("HMAC key", { name: "hmacKey", type: "password", autocomplete: "new-password" });
    this.attempts = field("Attempts", { name: "attempts", type: "number", min: 1, max: 20, placeholder: "10" });
    this.error = errorLine();
    this.node = el("section", { class: "card", "aria-labelledby": "webhooks-title" },
      el("h3", { id: "webhooks-title" }, "Webhooks"),
      this.empty,
      this.list,
      el("form", { class: "grid-form", onsubmit: (e) => this.add(e) },
        this.url.node, this.events.node, this.hmac.node, this.attempts.node,
        el("p", { id: "events-help", class: "muted wide" },
          "Events separated by commas, e.g. message, message.ack, session.status; * for all. ",
          "With an HMAC key each delivery is signed (X-Webhook-Hmac); the key is never shown again. ",
          "Attempts: that many, a second apart, to try a receiver out; empty: the server's default retries."),
        el("button", { type: "submit" }, "Add webhook")),
      this.error);
  }

  async refresh() {
    try {
      const webhooks = await call("GET", this.base);
      this.empty.hidden = webhooks.length > 0;
      this.list.replaceChildren(...webhooks.map((w) => el("li", { "aria-label": `Webhook ${w.webhookUrl}` },
        el("span", { class: "url" }, w.webhookUrl),
        el("span", { class: "muted" }, ` ${w.events.join(", ")}${w.signed ? " · signed" : ""} · ${w.retries.attempts} ${w.retries.attempts === 1 ? "attempt" : "attempts"}`),
        el("button", { type: "button", class: "danger", "aria-label": `Remove webhook ${w.webhookUrl}`,
          onclick: () => this.remove(w.webhookUrl) }, "Remove"))));
    } catch (e) {
      this.error.textContent = `Could not list the webhooks: ${e.message}`;
    }
  }

  async add(event) {
    event.preventDefault();
    this.error.textContent = "";
    const body = {
      webhookUrl: this.url.control.value.trim(),
      events: this.events.control.value.split(",").map((name) => name.trim()).filter(Boolean),
    };
    if (this.hmac.control.value) body.hmacKey = this.hmac.control.value;
    if (this.attempts.control.value) {
      // A few attempts a second apart, for a receiver being tried out; otherwise the server's default retries.
      body.retries = { policy: "constant", delaySeconds: 1, attempts: Number(this.attempts.control.value) };
    }
    try {
      await call("POST", this.base, body);
      event.target.reset();
      this.events.control.value = "message";
      await this.refresh();
      this.changed();
    } catch (e) {
      this.error.textContent = `Could not add the webhook: ${e.message}`;
    }
  }

  async remove(url) {
    if (!(await confirmAction(`Remove the webhook ${url}? Its pending deliveries are dropped.`, "Remove"))) return;
    this.error.textContent = "";
    try {
      await call("DELETE", `${this.base}?${new URLSearchParams({ webhookUrl: url })}`);
      await this.refresh();
      this.changed();
    } catch (e) {
      this.error.textContent = `Could not remove the webhook: ${e.message}`;
    }
  }
}
