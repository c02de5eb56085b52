// @ts-check
// The quizhost big screen, wired together. It reads `/ws/screen` (docs/protocol.md, "Big
// screen") and draws the latest `screen_state`; it never commands. The key arrives in the
// address (`/screen?key=...`) and is moved at once into sessionStorage and out of the address
// bar, which the projector shows to the whole room. Modules: view.js (drawing), sound.js.

import * as sound from "./sound.js";
import {
  $,
  drawLobby,
  drawPodium,
  drawQuestion,
  drawRanking,
  drawReveal,
  drawRound,
  drawTeams,
  showScreen,
} from "./view.js";

/** @typedef {import("./view.js").ScreenState} ScreenState */

const KEY_STORE = "quizhost.screen.key";
const PODIUM_STEP_MS = 1600;

/** @returns {string | null} */
function takeKey() {
  const params = new URLSearchParams(location.search);
  const fromAddress = params.get("key");
  if (fromAddress !== null) {
    try {
      sessionStorage.setItem(KEY_STORE, fromAddress);
    } catch {
      // no storage: the key lives in this page only
    }
    params.delete("key");
    const rest = params.toString();
    history.replaceState(null, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
    return fromAddress;
  }
  try {
    return sessionStorage.getItem(KEY_STORE);
  } catch {
    return null;
  }
}

const key = takeKey();
/** @type {ScreenState | null} */
let last = null;
let lastState = "";
let deadline = 0; // performance.now() at which the open question's clock reaches zero
let opensAt = 0; // performance.now() at which an intro's answers open
let lastTick = -1;
let retry = 0;
/** @type {number[]} */
let podiumTimers = [];

/** @param {string} why */
function gate(why) {
  $("gate-why").textContent = why;
  sound.stopMusic();
  showScreen("gate");
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  const socket = new WebSocket(scheme + location.host + "/ws/screen");
  let refused = false;
  socket.addEventListener("open", () => {
    socket.send(JSON.stringify({ type: "screen", key }));
  });
  socket.addEventListener("message", (event) => {
    /** @type {any} */
    const frame = JSON.parse(String(event.data));
    if (frame.type === "error") {
      refused = true;
      gate(
        frame.code === "bad_token"
          ? "The key in this address is wrong (or belongs to an earlier game)."
          : "Too many big screens are open for this game. Close one and reload this page.",
      );
      return;
    }
    if (frame.type === "screen_state") {
      retry = 0;
      $("banner").hidden = true;
      draw(/** @type {ScreenState} */ (frame));
    }
  });
  socket.addEventListener("close", () => {
    if (refused) return;
    if (last !== null) $("banner").hidden = false;
    // websockets' backoff: a random first delay, then about 1.6x, capped.
    const delay = Math.min(10000, 300 * 1.6 ** retry) * (0.5 + Math.random() / 2);
    retry += 1;
    window.setTimeout(connect, delay);
  });
}

/** @param {ScreenState} f */
function draw(f) {
  const entered = f.state !== lastState;
  last = f;
  lastState = f.state;
  if (f.remaining_ms !== undefined && f.remaining_ms !== null) {
    deadline = performance.now() + f.remaining_ms;
  }
  if (f.opens_in_ms !== undefined && f.opens_in_ms !== null) {
    opensAt = performance.now() + f.opens_in_ms;
  }
  if (f.state !== "lobby") sound.stopMusic();
  for (const id of podiumTimers) window.clearTimeout(id);
  if (f.state !== "podium") podiumTimers = [];
  switch (f.state) {
    case "lobby":
      drawLobby(f);
      showScreen("lobby");
      if (!sound.isMuted()) sound.lobbyMusic();
      break;
    case "intro": // the question alone for its read time: no tiles, no clock yet
    case "question":
      if (!f.question) break;
      drawQuestion(f, f.state === "intro");
      if (f.state === "intro") $("q-clock").textContent = "";
      showScreen("question");
      break;
    case "paused":
      $("pa-text").textContent = f.question ? f.question.text : "";
      showScreen("paused");
      break;
    case "reveal":
      drawReveal(f);
      showScreen("reveal");
      if (entered) sound.sting();
      break;
    case "round":
      drawRound(f);
      showScreen("round");
      break;
    case "leaderboard":
      drawTeams(f, "lb-teams");
      drawRanking(f, "lb-rows");
      showScreen("leaderboard");
      break;
    case "podium": {
      drawTeams(f, "pd-teams");
      const ranks = drawPodium(f);
      showScreen("podium");
      podiumTimers = ranks.map((rank, i) => window.setTimeout(() => sound.fanfare(rank), i * PODIUM_STEP_MS));
      break;
    }
    default:
      drawTeams(f, "en-teams");
      drawRanking(f, "en-top");
      showScreen("ended");
  }
  tickClock();
}

function tickClock() {
  if (last && last.state === "intro") {
    // The read time runs down under the question, so the room knows when to pick up phones.
    const opens = Math.ceil((opensAt - performance.now()) / 1000);
    $("q-answered").textContent = opens > 0 ? "Get ready! " + opens : "Get ready!";
    return;
  }
  if (!last || last.state !== "question") return;
  const left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
  $("q-clock").textContent = String(left);
  if (left !== lastTick) {
    lastTick = left;
    if (left > 0 && left <= 5) sound.tick(left);
  }
}

// The tools: sound, mute, full screen.

function drawSoundTools() {
  $("sound-start").hidden = sound.allowed();
  const mute = $("mute");
  mute.textContent = sound.isMuted() ? "Sound off" : "Sound on";
  mute.setAttribute("aria-pressed", String(sound.isMuted()));
}

async function startSound() {
  await sound.start();
  drawSoundTools();
  if (last && last.state === "lobby" && !sound.isMuted()) sound.lobbyMusic();
}

$("sound-start").addEventListener("click", startSound);
document.addEventListener("click", () => {
  if (!sound.allowed()) void startSound();
});
$("mute").addEventListener("click", () => {
  sound.setMuted(!sound.isMuted());
  drawSoundTools();
  if (!sound.isMuted() && last && last.state === "lobby") sound.lobbyMusic();
});
$("fullscreen").addEventListener("click", () => {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen().catch(() => undefined);
});

drawSoundTools();
$("sound-start").hidden = false;
window.setInterval(tickClock, 200);
if (key) connect();
else gate("This address has no key.");
