// @ts-check
// The one websocket to /ws/play: connect, send, and reconnect like websockets' client
// backoff(): a random first delay, then x1.6 to a small cap. What to do with an open socket,
// a frame or a close is the listener's business (main.js), so this module knows no screen.

import { parseFrame } from "./frames.js";

/** @typedef {import("./frames.js").ServerFrame} ServerFrame */
/** @typedef {import("./frames.js").ClientFrame} ClientFrame */

/**
 * @typedef {object} Listener
 * @property {() => void} opened  The socket is open: send `resume` or `join` first.
 * @property {(frame: ServerFrame) => void} received
 * @property {(code: number) => void} closed  The socket is gone (after any close code).
 */

const FIRST_DELAY_MS = 1000;
const BASE_DELAY_MS = 800;
const MAX_DELAY_MS = 5000;
const BACKOFF_FACTOR = 1.6;
// The heartbeat: browsers hide websocket ping/pong, so the page sends `ping` and the server
// answers `pong`. Silence this long on an open socket means a silent loss (Wi-Fi gone with
// no close); a socket still opening after CONNECT_TIMEOUT_MS is given up too.
export const PING_EVERY_MS = 2500;
export const SILENCE_MS = 5000;
const CONNECT_TIMEOUT_MS = 10000;
const WATCH_EVERY_MS = 500;
/** The close code reported to the listener for a socket dropped for silence (never sent). */
export const CLOSE_SILENT = 4900;

/** @type {WebSocket | null} */
let socket = null;
let attempt = 0;
let retryTimer = 0;
let stopped = false;
let watchTimer = 0;
let lastHeard = 0;
let lastPing = 0;
/** @type {Listener} */
let listener = { opened() {}, received() {}, closed() {} };

/** @param {Listener} events */
export function listen(events) {
  listener = events;
}

function socketUrl() {
  return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/play";
}

/** Open the socket unless one is open or the page is done with the game. */
export function connect() {
  clearTimeout(retryTimer);
  if (socket || stopped) return;
  const current = new WebSocket(socketUrl());
  socket = current;
  lastHeard = Date.now();
  clearInterval(watchTimer);
  watchTimer = window.setInterval(watch, WATCH_EVERY_MS);
  current.addEventListener("open", () => {
    if (current !== socket) return;
    lastHeard = lastPing = Date.now();
    listener.opened();
  });
  current.addEventListener("message", (event) => {
    if (current !== socket) return;
    lastHeard = Date.now();
    const frame = parseFrame(String(event.data));
    if (frame && frame.type !== "pong") listener.received(frame);
  });
  current.addEventListener("close", (event) => {
    if (current !== socket) return;
    forget();
    listener.closed(event.code);
  });
}

function forget() {
  socket = null;
  clearInterval(watchTimer);
}

/** Ping while open; drop a socket that went silent or never opened. */
function watch() {
  if (!socket) return;
  const now = Date.now();
  const open = socket.readyState === WebSocket.OPEN;
  if (now - lastHeard > (open ? SILENCE_MS : CONNECT_TIMEOUT_MS)) {
    drop();
  } else if (open && now - lastPing >= PING_EVERY_MS) {
    lastPing = now;
    socket.send(JSON.stringify({ type: "ping" }));
  }
}

/**
 * Give up on the socket now: a dead one would take minutes to report its close, so it is
 * closed without waiting and reported to the listener as CLOSE_SILENT.
 */
function drop() {
  const dead = socket;
  if (!dead) return;
  forget();
  dead.close();
  listener.closed(CLOSE_SILENT);
}

/** Whether a socket exists (open or opening). */
export function hasSocket() {
  return socket !== null;
}

/**
 * Send `frame` if the socket is open; false when it is not (the caller decides to wait).
 * @param {ClientFrame} frame
 */
export function send(frame) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(frame));
    return true;
  }
  return false;
}

/** The server took us in: the next drop starts the backoff afresh. */
export function welcomed() {
  attempt = 0;
}

function nextDelay() {
  const current = attempt++;
  if (current === 0) return Math.random() * FIRST_DELAY_MS;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * BACKOFF_FACTOR ** (current - 1));
}

export function scheduleReconnect() {
  clearTimeout(retryTimer);
  retryTimer = window.setTimeout(connect, nextDelay());
}

/**
 * A phone waking up or back online: don't wait for the backoff timer, and don't trust a socket
 * that still looks open. `networkChanged` (the `online` event) drops it at once, since its
 * route is gone; otherwise it is dropped if it has been silent past a ping's answer, and
 * probed with a ping if not.
 * @param {boolean} networkChanged
 */
export function reconnectNow(networkChanged) {
  if (stopped) return;
  if (socket) {
    const open = socket.readyState === WebSocket.OPEN;
    if (!networkChanged && open && Date.now() - lastHeard <= PING_EVERY_MS + 1000) {
      lastPing = Date.now();
      socket.send(JSON.stringify({ type: "ping" }));
      return;
    }
    drop();
  }
  connect();
}

/** Kicked, replaced or ended: never connect again. */
export function stop() {
  stopped = true;
  clearTimeout(retryTimer);
  clearInterval(watchTimer);
}

/** Whether `stop()` was called. */
export function stoppedForGood() {
  return stopped;
}
