// @ts-check
// The quizhost player page, wired together. Frames from the server are dispatched on `type`;
// every screen is drawn from the latest state frame, so a reconnect (which replays the current
// state after `welcome`) needs no special case. Modules by job: storage.js (the token),
// connection.js (the socket and its backoff), frames.js (the protocol's types), join.js,
// question.js and kinds.js (one renderer per question kind), answering.js, clock.js,
// results.js (reveal, leaderboard, podium, the end), selfpaced.js (Start and Next of an
// assignment), screens.js, dom.js.

import * as connection from "./connection.js";
import { $, $as, announce } from "./dom.js";
import { JOIN_ERRORS, joinFailed, languagePicker, loadTeams, showJoin, submitJoin, tokenLost } from "./join.js";
import * as question from "./question.js";
import { onEnded, onLeaderboard, onPodium, onReveal, showKicked, showReplaced } from "./results.js";
import { currentScreen, setBanner, showScreen } from "./screens.js";
import { setupSelfPaced, showDone, showNext, showStart } from "./selfpaced.js";
import { app } from "./state.js";
import { DEVICE_MAX_AGE_MS, dropDevices, loadDevice, loadToken, saveToken } from "./storage.js";
import { plural, preferredLanguage, t, useLanguage } from "./i18n.js";

/** @typedef {import("./frames.js").Handlers} Handlers */
/** @typedef {import("./frames.js").ServerFrame} ServerFrame */

const CLOSE_REPLACED = 4001;
const CLOSE_KICKED = 4003;

/** @type {Handlers} */
const HANDLERS = {
  welcome(f) {
    connection.welcomed();
    app.name = String(f.name);
    app.team = f.team ? String(f.team) : "";
    app.token = String(f.token);
    app.pendingJoin = null;
    app.selfPaced = f.self_paced === true;
    saveToken(app.pin, app.token);
    dropDevices((pin) => pin !== app.pin); // no id follows the player from another game
    setBanner(false);
    $("me").textContent = app.name;
    // Keep the PIN in the address so a reload finds the token again.
    if (new URLSearchParams(location.search).get("pin") !== app.pin) {
      history.replaceState(null, "", "/?pin=" + encodeURIComponent(app.pin));
    }
    $as("join-button", HTMLButtonElement).disabled = false;
  },
  lobby(f) {
    $("lobby-name").textContent = app.name + (app.team ? " · " + t("lobby.team", { team: app.team }) : "");
    const n = Number(f.players) || 0;
    $("lobby-count").textContent = plural("lobby.players", n);
    showStart();
    if (currentScreen() !== "lobby") {
      showScreen("lobby");
      announce(t("lobby.announce"));
    }
  },
  round: question.onRound,
  get_ready: question.onGetReady,
  question: question.onQuestion,
  paused: question.onPaused,
  resumed: (f) => question.onClockChange(f.remaining_ms, "resumed"),
  time_added: (f) => question.onClockChange(f.remaining_ms, "time_added"),
  answer_ack: question.onAnswerAck,
  reveal(f) {
    onReveal(f);
    showNext(f);
  },
  leaderboard: onLeaderboard,
  podium(f) {
    gameOver();
    onPodium(f);
    showDone(f);
  },
  ended() {
    gameOver();
    onEnded();
  },
  kicked: showKicked,
  pong() {}, // the heartbeat, kept by connection.js
  error(f) {
    const code = String(f.code);
    if (code === "bad_token") return tokenLost();
    if (app.pendingJoin && JOIN_ERRORS[code]) {
      app.pendingJoin = null;
      return joinFailed(JOIN_ERRORS[code], t("join.error." + code));
    }
    question.answerRefused(code);
  },
};

/** @param {ServerFrame} frame */
function dispatch(frame) {
  const handler = /** @type {((f: ServerFrame) => void) | undefined} */ (
    Object.prototype.hasOwnProperty.call(HANDLERS, frame.type) ? HANDLERS[frame.type] : undefined
  );
  if (handler) handler(frame);
}

// The socket opens while the catalog loads (one round trip saved on a reload); frames wait,
// in order, until the page has its words.
let ready = Promise.resolve();

connection.listen({
  opened() {
    // The resume token always goes first; a join only when there is no token.
    const device = loadDevice(app.pin); // a kicked browser is told so, whatever the token
    if (app.token) connection.send({ type: "resume", token: app.token, ...(device ? { device } : {}) });
    else if (app.pendingJoin) connection.send({ type: "join", ...app.pendingJoin });
  },
  received: (frame) => ready.then(() => dispatch(frame)),
  closed: (code) => ready.then(() => closed(code)),
});

/** The game is over: its device id has done its job. */
function gameOver() {
  dropDevices((pin) => pin === app.pin);
}

/** @param {number} code */
function closed(code) {
    if (code === CLOSE_KICKED) return showKicked();
    if (code === CLOSE_REPLACED) return showReplaced();
    if (connection.stoppedForGood()) return;
    if (app.token) {
      setBanner(true);
      connection.scheduleReconnect();
    } else if (app.pendingJoin) {
      app.pendingJoin = null;
      joinFailed("form", t("join.unreachable"));
    }
}

/** @param {boolean} networkChanged */
function reconnectNow(networkChanged) {
  if (app.token && !connection.stoppedForGood()) connection.reconnectNow(networkChanged);
}

async function start() {
  const query = new URLSearchParams(location.search).get("pin") || "";
  const pin = query.replace(/\D/g, "").slice(0, 9);
  app.pin = pin;
  app.token = loadToken(pin);
  dropDevices((_, at) => !(Date.now() - at < DEVICE_MAX_AGE_MS));
  $("join-form").addEventListener("submit", submitJoin);
  setupSelfPaced();
  loadTeams();
  window.addEventListener("online", () => reconnectNow(true));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") reconnectNow(false);
  });
  if (app.token) connection.connect();
  ready = useLanguage(preferredLanguage());
  await ready;
  languagePicker(() => {
    if (!app.pin && currentScreen() === "join") $("join-message").textContent = t("join.typePinShown");
  });
  if (app.token) {
    // Never the join form while a resume is pending (unless a frame already moved on).
    if (!currentScreen()) showScreen("connecting");
  } else {
    showJoin("");
    $("join-message").textContent = pin ? "" : t("join.typePinShown");
  }
}

start();
