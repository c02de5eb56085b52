// @ts-check
// The countdown: the server's remaining_ms, only ticked down by the phone's clock.

import { $ } from "./dom.js";

const clock = { end: 0, left: 0, limit: 1, paused: false, timer: 0 };
let expired = () => {};

/**
 * What to do when the time is up (the question module marks an unanswered question late).
 * @param {() => void} action
 */
export function onExpiry(action) {
  expired = action;
}

/**
 * Count down from `remaining` ms of a question that lasts `limit` ms.
 * @param {number | undefined} remaining
 * @param {number | undefined} limit
 */
export function startClock(remaining, limit) {
  clock.end = performance.now() + Math.max(0, Number(remaining) || 0);
  clock.limit = Math.max(1, Number(limit) || 1);
  clock.paused = false;
  clearInterval(clock.timer);
  clock.timer = window.setInterval(tick, 200);
  tick();
}

export function stopClock() {
  clearInterval(clock.timer);
}

/**
 * The server moved the deadline (more time): a paused countdown stays paused, at the new time.
 * @param {number | undefined} remaining
 * @param {number | undefined} limit
 */
export function moveClock(remaining, limit) {
  if (!clock.paused) return startClock(remaining, limit);
  clock.left = Math.max(0, Number(remaining) || 0);
  clock.limit = Math.max(1, Number(limit) || 1);
  tick();
}

export function clockPaused() {
  return clock.paused;
}

/** Freeze the countdown where it is. */
export function pauseClock() {
  clock.left = Math.max(0, clock.end - performance.now());
  clock.paused = true;
  tick();
}

function tick() {
  const left = clock.paused ? clock.left : Math.max(0, clock.end - performance.now());
  $("timer-value").textContent = String(Math.ceil(left / 1000));
  $("progress-bar").style.transform = "scaleX(" + Math.min(1, left / clock.limit).toFixed(3) + ")";
  document.body.classList.toggle("hurry", left > 0 && left <= 5000);
  if (left <= 0 && !clock.paused) {
    clearInterval(clock.timer);
    expired();
  }
}
