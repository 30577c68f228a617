import { ApiError, call, key, stream } from "./api.js";
import { text } from "./dom.js";
import { Sessions } from "./sessions.js";
import { SessionPage } from "./session.js";
import { AccountView } from "./account.js";

const signIn = document.getElementById("sign-in");
const nav = document.getElementById("main-nav");
const keyField = document.getElementById("api-key");
const views = ["sessions", "session-page", "account"].map((id) => document.getElementById(id));
let sessions = null;
let page = null;
let closeStream = null;

/** The view the address names: "#/" the sessions, "#/sessions/<name>" one session, "#/account" the account. */
async function route({ focus = true } = {}) {
  if (!key.get()) return;
  page?.close();
  page = null;
  views.forEach((view) => { view.hidden = true; });
  const hash = location.hash.replace(/^#/, "");
  const match = hash.match(/^\/sessions\/([^/]+)$/);
  let shown;
  if (match) {
    page = new SessionPage(document.getElementById("session-page"), decodeURIComponent(match[1]));
    shown = page;
  } else if (hash === "/account") {
    page = new AccountView(document.getElementById("account"));
    shown = page;
  } else {
    shown = sessions;
  }
  // The list's cards fetch QR codes: not while another view is shown.
  if (shown !== sessions) sessions.close();
  nav.querySelectorAll("a").forEach((a) => {
    const here = a.getAttribute("href") === (match ? "#/" : `#${hash || "/"}`);
    if (here) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  });
  await shown.show();
  // A new view after a click: where a screen reader and the keyboard go on from is its heading.
  if (focus) shown.heading()?.focus();
}

async function enter({ focus = false } = {}) {
  signIn.hidden = true;
  nav.hidden = false;
  sessions = new Sessions(document.getElementById("sessions"));
  closeStream = stream(["session.status", "message.any", "message.ack"], (event) => {
    sessions?.heard(event);
    page?.heard?.(event);
  }, (live) => text("live", live ? "Live" : "Reconnecting…"));
  await route({ focus });
}

function leave() {
  closeStream?.();
  closeStream = null;
  page?.close();
  page = null;
  sessions?.close();
  sessions = null;
  key.clear();
  nav.hidden = true;
  text("live", "");
  views.forEach((view) => { view.hidden = true; });
  signIn.hidden = false;
  keyField.value = "";
  keyField.focus();
}

document.getElementById("sign-in-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const candidate = keyField.value.trim();
  text("sign-in-error", "");
  try {
    await call("GET", "/v1/sessions", undefined, { apiKey: candidate });
  } catch (e) {
    text("sign-in-error", e instanceof ApiError && e.status === 401
      ? "That API key was not accepted: it is wrong or has been revoked."
      : `Could not sign in: ${e.message}`);
    keyField.select();
    return;
  }
  key.set(candidate);
  keyField.value = "";
  // The form that had the focus is gone: the sessions' heading takes it.
  await enter({ focus: true });
});

document.getElementById("sign-out").addEventListener("click", leave);
window.addEventListener("hashchange", () => route());

if (key.get()) {
  call("GET", "/v1/sessions").then(enter, leave);
} else {
  leave();
}
