// Builds elements from values: every string becomes a text node, so nothing from the API is ever parsed as markup.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function text(id, value) {
  document.getElementById(id).textContent = value ?? "";
}

/** Asks in the page's dialog; resolves true when the person chose the action. */
export function confirmAction(message, action) {
  const dialog = document.getElementById("confirm");
  text("confirm-text", message);
  text("confirm-ok", action);
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
  });
}

/** A time from the API as the reader's local time, or a dash. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "—";
}

/** A form's error line, announced when it changes. */
export function errorLine() {
  return el("p", { class: "error", role: "alert" });
}

/** A labelled field: the label names the control, so a screen reader and a test find it by that name. */
export function field(label, attrs = {}, tag = "input", options = []) {
  const id = `f-${crypto.randomUUID()}`;
  const control = el(tag, { id, ...attrs }, ...options);
  return { control, node: el("div", { class: "field" }, el("label", { for: id }, label), control) };
}
