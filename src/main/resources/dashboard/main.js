import { ApiError, call, key } from "./api.js";
import { text } from "./dom.js";
import { Sessions } from "./sessions.js";

const signIn = document.getElementById("sign-in");
const signOut = document.getElementById("sign-out");
const keyField = document.getElementById("api-key");
let sessions = null;

async function enter() {
  signIn.hidden = true;
  signOut.hidden = false;
  text("who", "Signed in");
  sessions = new Sessions(document.getElementById("sessions"));
  await sessions.show();
}

function leave() {
  sessions?.close();
  sessions = null;
  key.clear();
  signOut.hidden = true;
  text("who", "");
  document.getElementById("sessions").hidden = true;
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
  await enter();
});

signOut.addEventListener("click", leave);

if (key.get()) {
  call("GET", "/v1/sessions").then(enter, leave);
} else {
  leave();
}
