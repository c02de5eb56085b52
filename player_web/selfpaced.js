// @ts-check
// Self-paced assignments: the student asks for each question ("Start", then "Next" on each
// result) and the next one also comes by itself a few seconds after the result. The server
// decides everything; this module only shows the buttons and sends `next`.

import * as connection from "./connection.js";
import { $, $as } from "./dom.js";
import { number, t } from "./i18n.js";
import { app } from "./state.js";

/** @typedef {import("./frames.js").RevealFrame} RevealFrame */
/** @typedef {import("./frames.js").PodiumFrame} PodiumFrame */

/**
 * Ask for the question after `after` (-1: the first); the button waits for the answer.
 * @param {HTMLButtonElement} button
 * @param {number} after
 */
function moveOn(button, after) {
  if (connection.send({ type: "next", after })) button.disabled = true;
}

/** Wire the buttons once, at start. */
export function setupSelfPaced() {
  const start = $as("lobby-start", HTMLButtonElement);
  const next = $as("reveal-next", HTMLButtonElement);
  start.addEventListener("click", () => moveOn(start, -1));
  next.addEventListener("click", () => moveOn(next, app.revealed));
}

/** The lobby of an assignment: a Start button instead of waiting for the host. */
export function showStart() {
  const start = $as("lobby-start", HTMLButtonElement);
  start.hidden = !app.selfPaced;
  start.disabled = false;
  if (app.selfPaced) {
    // The key goes with the text, so a later translatePage() keeps the assignment's words.
    const wait = $("lobby-wait");
    wait.dataset.i18n = "selfPaced.lobby";
    wait.textContent = t("selfPaced.lobby");
  }
}

/**
 * A result of an assignment: "Next" (or "Finish"), and when the next question comes anyway.
 * @param {RevealFrame} f
 */
export function showNext(f) {
  const next = $as("reveal-next", HTMLButtonElement);
  const auto = $("reveal-auto");
  next.hidden = !app.selfPaced;
  auto.hidden = !app.selfPaced || f.next_ms == null;
  if (!app.selfPaced) return;
  app.revealed = f.index;
  next.disabled = false;
  next.dataset.i18n = f.last ? "selfPaced.finish" : "selfPaced.next";
  next.textContent = t(next.dataset.i18n);
  const s = number(Math.max(1, Math.round(Number(f.next_ms) / 1000)));
  auto.textContent = f.last ? t("selfPaced.autoResults", { s }) : t("selfPaced.autoNext", { s });
}

/**
 * The end of an assignment: how many were right, under the podium.
 * @param {PodiumFrame} f
 */
export function showDone(f) {
  const you = f.you;
  if (!app.selfPaced || !you || you.total === undefined) return;
  const line = $("podium-you");
  const done = t("selfPaced.done", { right: number(you.right || 0), total: number(you.total) });
  line.textContent += ". " + done;
}
