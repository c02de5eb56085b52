// @ts-check
// The question screen: drawing a question, its clock (pause, resume, more time) and the
// server's answers to the player's answer.

import { answerSent, setStatus } from "./answering.js";
import { clockPaused, moveClock, onExpiry, pauseClock, startClock } from "./clock.js";
import { send } from "./connection.js";
import { $, $as, announce, bankText, el, minus, points } from "./dom.js";
import { rendererFor } from "./kinds.js";
import { showMath, spokenText } from "./mathml.js";
import { currentScreen, showScreen } from "./screens.js";
import { app } from "./state.js";
import { dropAnswer, loadAnswer } from "./storage.js";
import { number, plural, t } from "./i18n.js";

/** @typedef {import("./frames.js").Question} Question */
/** @typedef {import("./frames.js").QuestionFrame} QuestionFrame */
/** @typedef {import("./frames.js").GetReadyFrame} GetReadyFrame */
/** @typedef {import("./frames.js").RoundFrame} RoundFrame */
/** @typedef {import("./frames.js").AnswerAckFrame} AnswerAckFrame */

onExpiry(() => {
  if (app.status === "open") setStatus("late", t("question.timeUp"));
});

/**
 * A round's title screen, before its first question.
 * @param {RoundFrame} f
 */
export function onRound(f) {
  const count = Number(f.questions) || 0;
  $("round-number").textContent = t("round.number", { n: number(f.index + 1), total: number(f.total) });
  bankText($("round-title"), null).textContent = String(f.title || "");
  $("round-note").textContent = plural("round.questions", count);
  if (currentScreen() !== "round") showScreen("round");
  announce(t("round.announce", { n: number(f.index + 1), title: String(f.title || "") }));
}

/**
 * The question intro: what comes next, read before answers open (the question frame follows).
 * @param {GetReadyFrame} f
 */
export function onGetReady(f) {
  const seconds = Math.max(1, Math.round((Number(f.read_ms) || 0) / 1000));
  const n = number(f.index + 1);
  $("ready-number").textContent = t("question.number", { n, total: number(f.total) });
  showMath(bankText($("ready-text"), null), f.text_math, String(f.text || ""));
  $("ready-note").textContent = plural("ready.opensIn", seconds);
  if (currentScreen() !== "ready") showScreen("ready");
  announce(t("ready.announce", { n, text: spokenText(f.text_math, String(f.text || "")) }));
}

/** @param {QuestionFrame} f */
export function onQuestion(f) {
  const same = app.question && app.question.index === f.index && currentScreen() === "question";
  app.question = f;
  startClock(f.remaining_ms, f.time_limit_ms);
  if (same) {
    // Back after a reconnect: keep what the player chose. An answer that was in flight is
    // sent again; if it had arrived, the server says so (answer_ack or already_answered).
    if (app.status === "sending" && app.pendingAnswer) send(app.pendingAnswer);
    document.getElementById("question-paused")?.remove();
    return;
  }
  renderQuestion(f);
  showScreen("question");
  bringAnswersIntoView();
  announce(t("question.announce", { n: number(f.index + 1), total: number(f.total), text: spokenText(f.text_math, f.text) }));
}

/**
 * On a short screen (a phone on its side, a tall picture) scroll just far enough that the
 * last answer control shows, never past the top of the answers.
 */
function bringAnswersIntoView() {
  const box = $("answers").getBoundingClientRect();
  const below = box.bottom + 8 - window.innerHeight;
  if (below > 0) window.scrollBy(0, Math.min(below, Math.max(0, box.top - 8)));
}

/** @param {Question} q */
function renderQuestion(q) {
  app.status = "open";
  app.pendingAnswer = null;
  if (!loadAnswer(app.pin, q.index)) dropAnswer(app.pin);
  document.getElementById("question-paused")?.remove();
  $("question-number").textContent = t("question.number", {
    n: number(q.index + 1),
    total: number(q.total),
  });
  /** @type {Record<string, string>} */
  const bonuses = { double: t("question.double"), none: t("question.noPoints") };
  const wrong = Number(q.wrong) || 0;
  const bonus = [
    bonuses[q.points || "standard"],
    q.scoring === "accuracy" ? t("question.noTimeBonus") : "",
    wrong < 0 ? t("question.wrongCosts", { points: minus(points(-wrong)) }) : "",
  ]
    .filter(Boolean)
    .join(" · ");
  $("question-points").hidden = !bonus;
  $("question-points").textContent = bonus;
  showMath($("question-text"), q.text_math, q.text);
  bankText($("question-text"), q);
  const image = $as("question-image", HTMLImageElement);
  if (typeof q.image === "string" && q.image.startsWith("/") && !q.image.startsWith("//")) {
    image.src = q.image;
    image.alt =
      typeof q.image_alt === "string" && q.image_alt
        ? q.image_alt
        : t("question.imageNoAlt");
    image.hidden = false;
  } else {
    image.removeAttribute("src");
    image.hidden = true;
  }
  $("answer-status").textContent = "";
  const answers = $("answers");
  answers.replaceChildren();
  answers.className = "answers";
  const render = rendererFor(q);
  $("question-hint").textContent = "";
  if (render) render(q, answers);
  else $("question-hint").textContent = t("question.cannotShow");
  setStatus("open", "");
}

export function onPaused() {
  pauseClock();
  if (currentScreen() === "question" && !document.getElementById("question-paused")) {
    const note = el("p", "paused-note", t("question.paused"));
    note.id = "question-paused";
    $("question-hint").after(note);
  }
  announce(t("question.pausedAnnounce"));
}

/**
 * The server moved the clock: `resumed` restarts it, `time_added` moves the deadline and
 * leaves a pause as it is (the teacher may add time before resuming).
 * @param {number} remaining
 * @param {"resumed" | "time_added"} why
 */
export function onClockChange(remaining, why) {
  const limit = app.question ? app.question.time_limit_ms : remaining;
  if (why === "resumed") startClock(remaining, limit);
  else moveClock(remaining, limit);
  if (!clockPaused()) document.getElementById("question-paused")?.remove();
  if (app.status === "late" && remaining > 0) setStatus("open", "");
  announce(t(why === "resumed" ? "question.resumed" : "question.moreTime"));
}

/** @param {AnswerAckFrame} f */
export function onAnswerAck(f) {
  if (!app.question || f.question !== app.question.index) return;
  answerSent();
}

/**
 * An error about the player's answer; false when `code` is not one.
 * @param {string} code
 */
export function answerRefused(code) {
  if (!app.question) return false;
  if (code === "already_answered") {
    answerSent();
  } else if (code === "too_late" || code === "no_question") {
    app.pendingAnswer = null;
    setStatus("late", t("answer.tooLate"));
  } else if (code === "bad_answer" || code === "rate_limited" || code === "not_joined") {
    app.pendingAnswer = null;
    setStatus("open", t("answer.retry"));
  } else {
    return false;
  }
  return true;
}
