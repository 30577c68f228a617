import { call } from "./api.js";
import { el, errorLine, field, when } from "./dom.js";
import { Webhooks } from "./webhooks.js";
import { Deliveries } from "./deliveries.js";

const RECENT = 20;

/** One session's page: its recent messages (live), a test send, its webhooks and their deliveries. */
export class SessionPage {
  constructor(section, name) {
    this.section = section;
    this.name = name;
    this.title = el("h2", { id: "session-title", tabindex: "-1" }, `Session ${name}`);
    this.status = el("span", { class: "status" });
    this.facts = el("dl", { class: "facts" });
    this.error = errorLine();
    this.to = field("Phone number", { name: "chatId", inputmode: "tel", autocomplete: "off", required: true });
    this.text = field("Message", { name: "text", autocomplete: "off", required: true, value: "Hello from wagate" });
    this.sendError = errorLine();
    this.messages = el("ol", { class: "messages", "aria-label": `Recent messages of ${name}` });
    this.webhooks = new Webhooks(name, () => this.deliveries.refresh());
    this.deliveries = new Deliveries(name);
    section.replaceChildren(
      el("p", {}, el("a", { href: "#/" }, "All sessions")),
      el("div", { class: "heading" }, this.title, this.status),
      this.facts,
      this.error,
      el("section", { class: "card", "aria-labelledby": "test-title" },
        el("h3", { id: "test-title" }, "Send a test message"),
        el("form", { class: "test", onsubmit: (e) => this.send(e) },
          this.to.node, this.text.node,
          el("button", { type: "submit" }, "Send test message")),
        this.sendError),
      el("section", { class: "card", "aria-labelledby": "recent-title" },
        el("h3", { id: "recent-title" }, "Recent messages"),
        el("p", { class: "muted", id: "no-messages", hidden: true }, "No messages yet."),
        this.messages),
      this.webhooks.node,
      this.deliveries.node);
  }

  heading() {
    return this.title;
  }

  async show() {
    this.section.hidden = false;
    await Promise.all([this.reload(), this.refreshMessages(), this.webhooks.refresh(), this.deliveries.start()]);
  }

  heard(event) {
    if (event.session !== this.name) return;
    if (event.event === "session.status") this.reload();
    else this.refreshMessages();
  }

  close() {
    this.deliveries.stop();
    this.section.replaceChildren();
  }

  async reload() {
    try {
      const session = await call("GET", `/v1/sessions/${encodeURIComponent(this.name)}`);
      this.status.textContent = session.status;
      this.status.className = `status status-${session.status}`;
      const rows = [["Engine", session.engine]];
      if (session.me) rows.push(["Number", session.me.id.replace(/@.*/, "")], ["Push name", session.me.pushName ?? "—"]);
      if (session.failure) rows.push(["Failure", session.failure.reason]);
      this.facts.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
      this.error.textContent = "";
    } catch (e) {
      this.error.textContent = `Could not read the session: ${e.message}`;
    }
  }

  async send(event) {
    event.preventDefault();
    this.sendError.textContent = "";
    try {
      await call("POST", "/v1/sendText", { session: this.name, chatId: this.to.control.value, text: this.text.control.value });
      await this.refreshMessages();
    } catch (e) {
      this.sendError.textContent = `Could not send: ${e.message}`;
    }
  }

  /** The latest messages of every chat, newest first: who, what, and the ack of those sent. */
  async refreshMessages() {
    const query = new URLSearchParams({ session: this.name, limit: String(RECENT) });
    try {
      const messages = await call("GET", `/v1/messages?${query}`);
      this.messages.replaceChildren(...messages.map((m) => el("li", { class: m.fromMe ? "out" : "in" },
        el("span", { class: "muted" }, m.fromMe ? `To ${m.to.replace(/@.*/, "")}` : `From ${m.from.replace(/@.*/, "")}`),
        " ", m.body ?? `(${m.type})`,
        el("span", { class: "muted" }, ` · ${when(m.timestamp * 1000)}${m.fromMe ? ` · ${m.ackName}` : ""}`))));
      this.section.querySelector("#no-messages").hidden = messages.length > 0;
    } catch (e) {
      this.sendError.textContent = `Could not list the messages: ${e.message}`;
    }
  }
}
