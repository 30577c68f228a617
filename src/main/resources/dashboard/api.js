// The public API with the signed-in key: sent as a header, kept in sessionStorage only.
const STORE = "wagate.key";

export const key = {
  get: () => sessionStorage.getItem(STORE),
  set: (value) => sessionStorage.setItem(STORE, value),
  clear: () => sessionStorage.removeItem(STORE),
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function call(method, path, body, { as = "json", apiKey = key.get() } = {}) {
  const headers = { "X-API-Key": apiKey ?? "" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store",
  });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try { message = (await response.json()).message ?? message; } catch { /* not JSON */ }
    throw new ApiError(response.status, message);
  }
  if (response.status === 204) return null;
  return as === "blob" ? response.blob() : response.json();
}

/**
 * The live event stream. A browser's WebSocket cannot set headers, so the key travels as the subprotocol
 * "wagate.key.<key>" (next to "wagate", which the server accepts), never in the URL. Reconnects with backoff.
 */
export function stream(events, onEvent, onState) {
  let socket;
  let stopped = false;
  let delay = 1000;
  const open = () => {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(`${scheme}//${location.host}/v1/ws?session=*&events=${events.join(",")}`,
      ["wagate", `wagate.key.${key.get()}`]);
    socket.onopen = () => { delay = 1000; onState(true); };
    socket.onmessage = (frame) => onEvent(JSON.parse(frame.data));
    socket.onclose = () => {
      onState(false);
      if (!stopped) setTimeout(open, delay);
      delay = Math.min(delay * 2, 30000);
    };
  };
  open();
  return () => { stopped = true; socket?.close(1000); };
}
