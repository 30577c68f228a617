import { call } from "./api.js";
import { confirmAction, el, errorLine, field, when } from "./dom.js";

const unlimited = (n) => (n == null ? "unlimited" : n.toLocaleString("en"));
const optionalNumber = (value) => (value === "" ? null : Number(value));

/** The operator's view (admin key only): accounts with their plan and keys, and the plans. */
export class AdminPanel {
  constructor() {
    this.error = errorLine();
    this.accounts = el("tbody");
    this.plans = el("tbody");
    this.planNames = [];
    this.issued = el("p", { class: "issued", "aria-live": "polite" });
    this.newName = field("Account name", { name: "name", required: true, pattern: "[A-Za-z0-9_\\-]{1,64}", autocomplete: "off" });
    this.newPlan = field("Plan", { name: "plan" }, "select");
    this.plan = {
      name: field("Plan name", { name: "name", required: true, pattern: "[a-z0-9_\\-]{1,40}", autocomplete: "off" }),
      perMonth: field("Requests per month", { type: "number", min: 0, placeholder: "unlimited" }),
      perSecond: field("Requests per second", { type: "number", min: 1, placeholder: "unlimited" }),
      sessions: field("Sessions", { type: "number", min: 0, placeholder: "unlimited" }),
      overage: field("Overage", { type: "checkbox", class: "check" }),
    };
    const table = (label, heads, body) => el("div", { class: "scroll" },
      el("table", { "aria-label": label }, el("thead", {}, el("tr", {}, ...heads.map((h) => el("th", { scope: "col" }, h)))), body));
    this.node = el("section", { class: "admin", "aria-labelledby": "admin-title" },
      el("h2", { id: "admin-title" }, "Operator"),
      el("section", { class: "card", "aria-labelledby": "accounts-title" },
        el("h3", { id: "accounts-title" }, "Accounts"),
        table("Accounts", ["Name", "Plan", "Created", "Keys"], this.accounts),
        el("form", { class: "grid-form", onsubmit: (e) => this.createAccount(e) },
          this.newName.node, this.newPlan.node, el("button", { type: "submit" }, "Create account")),
        this.issued),
      el("section", { class: "card", "aria-labelledby": "plans-title" },
        el("h3", { id: "plans-title" }, "Plans"),
        table("Plans", ["Plan", "Requests per month", "Requests per second", "Sessions", "Over the quota"], this.plans),
        el("form", { class: "grid-form", onsubmit: (e) => this.createPlan(e) },
          ...Object.values(this.plan).map((f) => f.node), el("button", { type: "submit" }, "Create plan"))),
      this.error);
  }

  async refresh() {
    try {
      const [accounts, plans] = await Promise.all([call("GET", "/admin/accounts"), call("GET", "/admin/plans")]);
      this.planNames = plans.map((p) => p.name);
      this.newPlan.control.replaceChildren(...this.planNames.map((name) =>
        el("option", { value: name, selected: name === "basic" }, name)));
      this.plans.replaceChildren(...plans.map((p) => el("tr", {},
        el("th", { scope: "row" }, p.name), el("td", {}, unlimited(p.requestsPerMonth)),
        el("td", {}, unlimited(p.requestsPerSecond)), el("td", {}, unlimited(p.maxSessions)),
        el("td", {}, p.requestsPerMonth == null ? "—" : p.overage ? "overage" : "refused"))));
      this.accounts.replaceChildren(...accounts.map((a) => this.accountRow(a)));
    } catch (e) {
      this.error.textContent = `Could not list accounts and plans: ${e.message}`;
    }
  }

  accountRow(account) {
    const plan = el("select", { "aria-label": `Plan of ${account.name}`, disabled: account.admin,
      onchange: (e) => this.setPlan(account, e.target) },
      ...this.planNames.map((name) => el("option", { value: name, selected: name === account.plan }, name)));
    const keys = el("div", { class: "keys", hidden: true });
    const toggle = el("button", { type: "button", "aria-expanded": "false", "aria-label": `Keys of ${account.name}`,
      onclick: async () => {
        keys.hidden = !keys.hidden;
        toggle.setAttribute("aria-expanded", String(!keys.hidden));
        if (!keys.hidden) await this.showKeys(account, keys);
      } }, "Keys");
    return el("tr", {},
      el("th", { scope: "row" }, account.name, account.admin ? " (admin)" : ""),
      el("td", {}, plan), el("td", {}, when(account.createdAt)), el("td", {}, toggle, keys));
  }

  async setPlan(account, select) {
    this.error.textContent = "";
    try {
      await call("PUT", `/admin/accounts/${encodeURIComponent(account.id)}/plan`, { plan: select.value });
      account.plan = select.value;
    } catch (e) {
      select.value = account.plan;
      this.error.textContent = `Could not change the plan of ${account.name}: ${e.message}`;
    }
  }

  async showKeys(account, box) {
    const base = `/admin/accounts/${encodeURIComponent(account.id)}/keys`;
    const label = field("Key label", { name: "label", autocomplete: "off", placeholder: "e.g. crm" });
    const shown = el("p", { class: "issued", "aria-live": "polite" });
    const list = el("ul", { class: "rows", "aria-label": `Keys of ${account.name}` });
    const draw = async () => {
      const keys = await call("GET", base);
      list.replaceChildren(...keys.map((k) => el("li", {},
        el("code", {}, `${k.prefix}…`), ` ${k.label ?? ""} · ${when(k.createdAt)}`,
        k.revokedAt ? el("span", { class: "muted" }, ` · revoked ${when(k.revokedAt)}`)
          : el("button", { type: "button", class: "danger", "aria-label": `Revoke key ${k.prefix}`,
            onclick: async () => {
              if (!(await confirmAction(`Revoke the key ${k.prefix}… of ${account.name}? Requests with it get 401.`, "Revoke"))) return;
              await call("DELETE", `${base}/${encodeURIComponent(k.id)}`).catch((e) => { this.error.textContent = e.message; });
              await draw();
            } }, "Revoke"))));
    };
    box.replaceChildren(list,
      el("form", { class: "grid-form", onsubmit: async (e) => {
        e.preventDefault();
        try {
          const issued = await call("POST", base, label.control.value ? { label: label.control.value } : undefined);
          shown.textContent = `New key (shown once): ${issued.key}`;
          e.target.reset();
          await draw();
        } catch (err) {
          this.error.textContent = `Could not issue a key: ${err.message}`;
        }
      } }, label.node, el("button", { type: "submit" }, "Issue key")),
      shown);
    try {
      await draw();
    } catch (e) {
      this.error.textContent = `Could not list the keys: ${e.message}`;
    }
  }

  async createAccount(event) {
    event.preventDefault();
    this.error.textContent = "";
    try {
      const created = await call("POST", "/admin/accounts", { name: this.newName.control.value.trim(), plan: this.newPlan.control.value });
      this.issued.textContent = `Account ${created.name} created. Its first key (shown once): ${created.apiKey}`;
      event.target.reset();
      await this.refresh();
    } catch (e) {
      this.error.textContent = `Could not create the account: ${e.message}`;
    }
  }

  async createPlan(event) {
    event.preventDefault();
    this.error.textContent = "";
    const p = this.plan;
    try {
      await call("POST", "/admin/plans", {
        name: p.name.control.value.trim(),
        requestsPerMonth: optionalNumber(p.perMonth.control.value),
        requestsPerSecond: optionalNumber(p.perSecond.control.value),
        maxSessions: optionalNumber(p.sessions.control.value),
        overage: p.overage.control.checked,
      });
      event.target.reset();
      await this.refresh();
    } catch (e) {
      this.error.textContent = `Could not create the plan: ${e.message}`;
    }
  }
}
