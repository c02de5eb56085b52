// @ts-check
// Which screen shows, the top bar and the reconnecting banner.

import { stopClock } from "./clock.js";
import { $, points } from "./dom.js";
import { t } from "./i18n.js";

const SCREENS = ["join", "connecting", "lobby", "round", "ready", "question", "reveal", "leaderboard", "podium", "final"];

/**
 * Show one screen and hide the others; the countdown runs only on the question screen.
 * @param {string} name
 */
export function showScreen(name) {
  for (const screen of SCREENS) $("screen-" + screen).hidden = screen !== name;
  document.body.dataset.screen = name;
  if (name !== "question") stopClock();
  window.scrollTo(0, 0);
  // Focus would otherwise stay on a control that just vanished (that is, on <body>): a
  // keyboard or screen-reader user starts the new screen at its heading. The join form
  // focuses its own field.
  const heading = $("screen-" + name).querySelector('h1[tabindex="-1"]');
  if (heading instanceof HTMLElement) heading.focus({ preventScroll: true });
}

export function currentScreen() {
  return document.body.dataset.screen || "";
}

/** @param {boolean} visible */
export function setBanner(visible) {
  $("banner").hidden = !visible;
  document.body.classList.toggle("offline", visible);
}

/** @param {number | undefined} score */
export function setScore(score) {
  $("score").textContent = score === undefined ? "" : t("score.points", { points: points(score) });
}
