import { call } from "./api.js";
import { confirmAction, el, text } from "./dom.js";

const QR_REFRESH_MS = 5000;
const path = (name) => `/v1/sessions/${encodeURIComponent(name)}`;

/** The live list of sessions: one card per session, updated in place from the event stream. */
export class Sessions {
  constructor(section) {
    this.section = section;
    this.list = section.querySelector("#session-list");
    this.cards = new Map();
    this.closers = [];
    this.wire();
  }

  async show() {
    this.section.hidden = false;
    await this.reload();
  }

  heading() {
    return this.section.querySelector("#sessions-title");
  }

  heard(event) {
    if (this.section.hidden) return;
    if (event.event === "session.status") this.reload();
  }

  /** Leaves the view: its cards stop fetching QR codes. */
  close() {
    for (const card of this.cards.values()) card.dispose();
    this.cards.clear();
    this.list.replaceChildren();
    this.form.hidden = true;
    this.section.querySelector("#create-toggle").setAttribute("aria-expanded", "false");
  }

  wire() {
    const toggle = this.section.querySelector("#create-toggle");
    this.form = this.section.querySelector("#create-form");
    toggle.onclick = () => {
      this.form.hidden = !this.form.hidden;
      toggle.setAttribute("aria-expanded", String(!this.form.hidden));
      if (!this.form.hidden) this.form.querySelector("#create-name").focus();
    };
    this.form.onsubmit = async (event) => {
      event.preventDefault();
      const data = new FormData(this.form);
      const body = { name: data.get("name").trim() };
      if (data.get("engine")) body.engine = data.get("engine");
      text("create-error", "");
      try {
        await call("POST", "/v1/sessions", body);
        this.form.reset();
        this.form.hidden = true;
        toggle.setAttribute("aria-expanded", "false");
        await this.reload();
      } catch (e) {
        text("create-error", `Could not create the session: ${e.message}`);
      }
    };
  }

  async reload() {
    let sessions;
    try {
      sessions = await call("GET", "/v1/sessions");
    } catch (e) {
      text("action-error", `Could not list the sessions: ${e.message}`);
      return;
    }
    const seen = new Set();
    sessions.forEach((session, index) => {
      seen.add(session.name);
      let card = this.cards.get(session.name);
      if (!card) {
        card = new SessionCard(session.name, () => this.reload());
        this.cards.set(session.name, card);
      }
      if (this.list.children[index] !== card.node) this.list.insertBefore(card.node, this.list.children[index] ?? null);
      card.update(session);
    });
    for (const [name, card] of this.cards) {
      if (!seen.has(name)) {
        card.dispose();
        card.node.remove();
        this.cards.delete(name);
      }
    }
    this.section.querySelector("#no-sessions").hidden = sessions.length > 0;
  }
}

class SessionCard {
  constructor(name, changed) {
    this.name = name;
    this.changed = changed;
    this.status = el("span", { class: "status" });
    this.facts = el("dl", { class: "facts" });
    this.qr = el("img", { class: "qr", alt: `QR code for ${name}`, width: 264, height: 264 });
    this.code = el("p", { class: "code", "aria-live": "polite" });
    this.error = el("p", { class: "error", role: "alert" });
    const phoneId = `phone-${crypto.randomUUID()}`;
    this.phone = el("input", { id: phoneId, name: "phoneNumber", inputmode: "tel", autocomplete: "off",
      placeholder: "+1 555 123 4567", required: true });
    this.link = el("div", { class: "link", hidden: true },
      this.qr,
      el("form", { class: "pairing", onsubmit: (e) => this.pair(e) },
        el("p", { class: "muted" }, "Scan the code with WhatsApp on the phone (Linked devices), or link with a phone number:"),
        el("label", { for: phoneId }, "Phone number"),
        this.phone,
        el("button", { type: "submit" }, "Get pairing code"),
        this.code));
    const button = (label, action, attrs = {}) =>
      el("button", { type: "button", ...attrs, onclick: () => this.act(action) }, label);
    this.node = el("li", { class: "session card", "aria-label": `Session ${name}` },
      el("header", {}, el("h3", {}, el("a", { href: `#/sessions/${encodeURIComponent(name)}` }, name)), this.status),
      this.facts,
      this.link,
      el("div", { class: "actions" },
        button("Start", "start"), button("Stop", "stop"), button("Restart", "restart"),
        button("Log out", "logout"), button("Delete", "delete", { class: "danger" })),
      this.error);
    this.timer = null;
    this.qrUrl = null;
  }

  update(session) {
    this.status.textContent = session.status;
    this.status.className = `status status-${session.status}`;
    const rows = [["Engine", session.engine]];
    if (session.me) rows.push(["Number", session.me.id.replace(/@.*/, "")], ["Push name", session.me.pushName ?? "—"]);
    if (session.failure) rows.push(["Failure", session.failure.reason]);
    for (const [k, v] of Object.entries(session.config?.metadata ?? {})) rows.push([k, v]);
    this.facts.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
    const scanning = session.status === "SCAN_QR_CODE";
    this.link.hidden = !scanning;
    if (scanning && !this.timer) {
      this.refreshQr();
      this.timer = setInterval(() => this.refreshQr(), QR_REFRESH_MS);
    } else if (!scanning) {
      this.stopQr();
      this.code.textContent = "";
    }
  }

  async refreshQr() {
    try {
      const png = await call("GET", `/v1/${encodeURIComponent(this.name)}/auth/qr?format=image`, undefined, { as: "blob" });
      const old = this.qrUrl;
      this.qrUrl = URL.createObjectURL(png);
      this.qr.src = this.qrUrl;
      if (old) URL.revokeObjectURL(old);
    } catch {
      // Linked or stopped meanwhile: the status event that follows hides the code.
    }
  }

  stopQr() {
    clearInterval(this.timer);
    this.timer = null;
    if (this.qrUrl) URL.revokeObjectURL(this.qrUrl);
    this.qrUrl = null;
    this.qr.removeAttribute("src");
  }

  dispose() {
    this.stopQr();
  }

  async pair(event) {
    event.preventDefault();
    this.error.textContent = "";
    try {
      const answer = await call("POST", `/v1/${encodeURIComponent(this.name)}/auth/pairing-code`,
        { phoneNumber: this.phone.value });
      this.code.textContent = answer.code;
    } catch (e) {
      this.error.textContent = `Could not get a pairing code: ${e.message}`;
    }
  }

  async act(action) {
    this.error.textContent = "";
    try {
      if (action === "delete") {
        if (!(await confirmAction(`Delete session “${this.name}”? Its link to the phone and its settings are removed.`, "Delete"))) return;
        await call("DELETE", path(this.name));
      } else {
        await call("POST", `${path(this.name)}/${action}`);
      }
      await this.changed();
    } catch (e) {
      this.error.textContent = `Could not ${action} ${this.name}: ${e.message}`;
    }
  }
}
