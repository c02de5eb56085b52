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
import { JOIN_ERRORS, joinFailed, showJoin, submitJoin, tokenLost } from "./join.js";
import { answerRefused, onAnswerAck, onClockChange, onPaused, onQuestion } from "./question.js";
import { onEnded, onLeaderboard, onPodium, onReveal, showKicked, showReplaced } from "./results.js";
import { currentScreen, setBanner, showScreen } from "./screens.js";
import { setupSelfPaced, showDone, showNext, showStart } from "./selfpaced.js";
import { app } from "./state.js";
import { loadToken, saveToken } from "./storage.js";

/** @typedef {import("./frames.js").Handlers} Handlers */
/** @typedef {import("./frames.js").ServerFrame} ServerFrame */

const CLOSE_REPLACED = 4001;
const CLOSE_KICKED = 4003;

/** @type {Handlers} */
const HANDLERS = {
  welcome(f) {
    connection.welcomed();
    app.name = String(f.name);
    app.token = String(f.token);
    app.pendingJoin = null;
    app.selfPaced = f.self_paced === true;
    saveToken(app.pin, app.token);
    setBanner(false);
    $("me").textContent = app.name;
    // Keep the PIN in the address so a reload finds the token again.
    if (new URLSearchParams(location.search).get("pin") !== app.pin) {
      history.replaceState(null, "", "/?pin=" + encodeURIComponent(app.pin));
    }
    $as("join-button", HTMLButtonElement).disabled = false;
  },
  lobby(f) {
    $("lobby-name").textContent = app.name;
    const n = Number(f.players) || 0;
    $("lobby-count").textContent = n === 1 ? "1 player has joined" : n + " players have joined";
    showStart();
    if (currentScreen() !== "lobby") {
      showScreen("lobby");
      announce("You're in! Waiting for the game to start.");
    }
  },
  question: onQuestion,
  paused: onPaused,
  resumed: (f) => onClockChange(f.remaining_ms, "resumed"),
  time_added: (f) => onClockChange(f.remaining_ms, "time_added"),
  answer_ack: onAnswerAck,
  reveal(f) {
    onReveal(f);
    showNext(f);
  },
  leaderboard: onLeaderboard,
  podium(f) {
    onPodium(f);
    showDone(f);
  },
  ended: onEnded,
  kicked: showKicked,
  error(f) {
    const code = String(f.code);
    if (code === "bad_token") return tokenLost();
    if (app.pendingJoin && JOIN_ERRORS[code]) {
      app.pendingJoin = null;
      return joinFailed(...JOIN_ERRORS[code]);
    }
    answerRefused(code);
  },
};

/** @param {ServerFrame} frame */
function dispatch(frame) {
  const handler = /** @type {((f: ServerFrame) => void) | undefined} */ (
    Object.prototype.hasOwnProperty.call(HANDLERS, frame.type) ? HANDLERS[frame.type] : undefined
  );
  if (handler) handler(frame);
}

connection.listen({
  opened() {
    // The resume token always goes first; a join only when there is no token.
    if (app.token) connection.send({ type: "resume", token: app.token });
    else if (app.pendingJoin) connection.send({ type: "join", ...app.pendingJoin });
  },
  received: dispatch,
  closed(code) {
    if (code === CLOSE_KICKED) return showKicked();
    if (code === CLOSE_REPLACED) return showReplaced();
    if (connection.stoppedForGood()) return;
    if (app.token) {
      setBanner(true);
      connection.scheduleReconnect();
    } else if (app.pendingJoin) {
      app.pendingJoin = null;
      joinFailed("form", "Could not reach the game. Check the Wi-Fi, then try again.");
    }
  },
});

function reconnectNow() {
  if (app.token && !connection.stoppedForGood()) connection.reconnectNow();
}

function start() {
  const query = new URLSearchParams(location.search).get("pin") || "";
  const pin = query.replace(/\D/g, "").slice(0, 9);
  app.pin = pin;
  app.token = loadToken(pin);
  $("join-form").addEventListener("submit", submitJoin);
  setupSelfPaced();
  window.addEventListener("online", reconnectNow);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") reconnectNow();
  });
  if (app.token) {
    // Never the join form while a resume is pending.
    showScreen("connecting");
    connection.connect();
  } else {
    showJoin("");
    $("join-message").textContent = pin ? "" : "Type the PIN shown on the big screen.";
  }
}

start();
