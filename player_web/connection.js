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

/** @type {WebSocket | null} */
let socket = null;
let attempt = 0;
let retryTimer = 0;
let stopped = false;
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
  current.addEventListener("open", () => {
    if (current === socket) listener.opened();
  });
  current.addEventListener("message", (event) => {
    const frame = current === socket ? parseFrame(String(event.data)) : null;
    if (frame) listener.received(frame);
  });
  current.addEventListener("close", (event) => {
    if (current !== socket) return;
    socket = null;
    listener.closed(event.code);
  });
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

/** A phone waking up or back online: don't wait for the backoff timer. */
export function reconnectNow() {
  if (!socket) connect();
}

/** Kicked, replaced or ended: never connect again. */
export function stop() {
  stopped = true;
  clearTimeout(retryTimer);
}

/** Whether `stop()` was called. */
export function stoppedForGood() {
  return stopped;
}
