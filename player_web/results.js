// @ts-check
// After a question: the reveal, the leaderboard, the podium, and the final screens (game
// over, kicked, replaced).

import { stop } from "./connection.js";
import { $, announce, bankText, el, minus, ordinal, points, sentences } from "./dom.js";
import { mathAt, showMath } from "./mathml.js";
import { setBanner, setScore, showScreen } from "./screens.js";
import { paint, shapeIcon, styleOf } from "./shapes.js";
import { app } from "./state.js";
import { dropAnswer, dropSelection, dropToken, loadAnswer } from "./storage.js";
import { choiceText, number, t } from "./i18n.js";

/** @typedef {import("./frames.js").Question} Question */
/** @typedef {import("./frames.js").Correct} Correct */
/** @typedef {import("./frames.js").RevealFrame} RevealFrame */
/** @typedef {import("./frames.js").LeaderboardFrame} LeaderboardFrame */
/** @typedef {import("./frames.js").PodiumFrame} PodiumFrame */
/** @typedef {import("./frames.js").RankEntry} RankEntry */
/** @typedef {import("./frames.js").You} You */

/**
 * The right answer in words.
 * @param {Question} q
 * @param {Correct} correct
 */
function describeCorrect(q, correct) {
  if (correct === null || correct === undefined) return "";
  switch (q.kind) {
    case "choice":
    case "true_false":
      return [correct]
        .flat()
        .map((i) => choiceText(q.kind, Number(i), (q.choices || [])[Number(i)]))
        .join(", ");
    case "order":
      return [correct].flat().map((i) => (q.items || [])[Number(i)]).join(" → ");
    default:
      return String(correct);
  }
}

/**
 * The player's own answer in words, from the fields this tab sent.
 * @param {Question} q
 * @param {Record<string, unknown>} fields
 */
function describeAnswer(q, fields) {
  const choices = q.choices || [];
  if ("choice" in fields) {
    return choiceText(q.kind, Number(fields.choice), String(choices[Number(fields.choice)] ?? ""));
  }
  if (Array.isArray(fields.choices)) return fields.choices.map((i) => choices[i]).join(", ");
  if (Array.isArray(fields.order)) {
    return fields.order.map((i) => (q.items || [])[i]).join(" → ");
  }
  if ("text" in fields) return String(fields.text);
  if ("value" in fields) return String(fields.value);
  return "";
}

/**
 * The positions the player chose, for kinds with choices.
 * @param {Record<string, unknown> | null} fields
 * @returns {number[]}
 */
function chosenPositions(fields) {
  if (!fields) return [];
  if (Array.isArray(fields.choices)) return fields.choices.map(Number);
  return "choice" in fields ? [Number(fields.choice)] : [];
}

/** @param {RevealFrame} f */
export function onReveal(f) {
  dropSelection(app.pin);
  const you = f.you || {};
  const poll = f.correct === null;
  let title;
  let mood;
  if (!you.answered) [title, mood] = [t("reveal.noAnswer"), "neutral"];
  else if (poll) [title, mood] = [t("reveal.thanksVote"), "neutral"];
  else if (you.correct) [title, mood] = [t("reveal.correct"), "right"];
  else if ((Number(you.points) || 0) > 0) [title, mood] = [t("reveal.partly"), "partly"];
  else [title, mood] = [t("reveal.wrong"), "wrong"];
  // Partial credit keeps the neutral background: neither the green of right nor the red of wrong.
  document.body.dataset.mood = mood === "partly" ? "neutral" : mood;
  /** @type {Record<string, string>} */
  const marks = { right: "✓", wrong: "✗", partly: "◐", neutral: "•" };
  $("reveal-mark").textContent = marks[mood];
  $("reveal-title").textContent = title;
  const gained = Number(you.points) || 0;
  $("reveal-points").textContent = poll ? "" : gained < 0 ? minus(points(-gained)) : "+" + points(gained);
  $("reveal-streak").textContent = (you.streak || 0) > 1 ? t("reveal.streak", { n: number(you.streak || 0) }) : "";
  $("reveal-rank").textContent = rankLine(you);
  setScore(you.score);
  showTeam("reveal-team", f.teams);
  const q = f.question || (app.question && app.question.index === f.index ? app.question : null);
  const sent = you.answered ? loadAnswer(app.pin, f.index) : null;
  const yours = q && sent ? describeAnswer(q, sent) : "";
  const right = q && !poll ? describeCorrect(q, f.correct) : "";
  renderRevealAnswer(f, q, sent, yours);
  const explanation = $("reveal-explanation");
  explanation.hidden = !f.explanation;
  showMath(explanation, f.explanation_math, f.explanation || "");
  bankText(explanation, q);
  showScreen("reveal");
  announce(
    sentences(
      title,
      yours && !you.correct ? t(poll ? "reveal.youVoted" : "reveal.youAnswered", { answer: yours }) : "",
      right ? t("reveal.rightIs", { answer: right }) : "",
      $("reveal-rank").textContent || "",
    ),
  );
}

/**
 * The answers with their counts, the right ones and the player's own marked, in words as well
 * as by look; or, for kinds without choices, the right answer and the player's.
 * @param {RevealFrame} f
 * @param {Question | null} q
 * @param {Record<string, unknown> | null} sent
 * @param {string} yours
 */
function renderRevealAnswer(f, q, sent, yours) {
  const box = $("reveal-answer");
  const list = $("reveal-counts");
  list.replaceChildren();
  $("reveal-correct").textContent = "";
  const yoursLine = $("reveal-yours");
  yoursLine.hidden = true;
  if (!q) {
    box.hidden = true;
    return;
  }
  const mine = chosenPositions(sent);
  const correct = [f.correct ?? []].flat();
  const counts = f.counts;
  if (Array.isArray(counts) && Array.isArray(q.choices)) {
    const total = Math.max(1, ...counts);
    q.choices.forEach((choice, i) => {
      const style = styleOf(q.kind, i);
      const right = f.correct !== null && correct.includes(i);
      const chosen = mine.includes(i);
      const row = el("li", "count" + (right ? " right" : "") + (chosen ? " mine" : ""));
      paint(row, style);
      const bar = el("span", "count-bar");
      bar.style.width = Math.round((100 * (counts[i] || 0)) / total) + "%";
      const label = el("span", "count-text", choiceText(q.kind, i, choice));
      if (q.kind !== "true_false") showMath(label, mathAt(q.choices_math, i), choice);
      row.append(shapeIcon(style), q.kind === "true_false" ? label : bankText(label, q));
      if (right) row.append(hidden(", " + t("reveal.rightAnswer")), mark("✓"));
      if (chosen) row.append(hidden(", "), el("span", "your-answer", t("reveal.yourAnswer")));
      const n = counts[i] || 0;
      row.append(hidden(", "), el("span", "count-n", number(n)));
      row.append(hidden(" " + t(n === 1 ? "reveal.count.one" : "reveal.count.other")), bar);
      list.append(row);
    });
    $("reveal-answer-title").textContent = t(
      f.correct === null ? "reveal.theVotes" : "reveal.answersRight",
    );
  } else {
    $("reveal-answer-title").textContent = t("reveal.theAnswer");
    bankText($("reveal-correct"), q).textContent = describeCorrect(q, f.correct);
    yoursLine.textContent = t("reveal.yourAnswerIs", { answer: yours });
    yoursLine.dir = "auto";
    yoursLine.hidden = !yours;
  }
  box.hidden = false;
}

/**
 * Words for screen readers only.
 * @param {string} text
 */
function hidden(text) {
  return el("span", "sr-only", text);
}

/**
 * A sign for the eyes only (its meaning is said in words beside it).
 * @param {string} text
 */
function mark(text) {
  const node = el("span", "count-mark", text);
  node.setAttribute("aria-hidden", "true");
  return node;
}

/** @param {LeaderboardFrame} f */
export function onLeaderboard(f) {
  dropSelection(app.pin);
  const list = $("leaderboard-list");
  list.replaceChildren();
  for (const entry of f.top || []) list.append(rankRow(entry));
  const you = f.you || {};
  $("leaderboard-you").textContent = rankLine(you);
  setScore(you.score);
  showTeam("leaderboard-team", f.teams);
  delete document.body.dataset.mood;
  showScreen("leaderboard");
  announce(sentences(t("leaderboard.title"), $("leaderboard-you").textContent || ""));
}

/**
 * "Team Red is 1st with 1,500 points" in a team game; nothing otherwise.
 * @param {string} id
 * @param {import("./frames.js").TeamRow[] | undefined} teams
 */
function showTeam(id, teams) {
  const mine = (teams || []).find((row) => row.name === app.team);
  $(id).textContent = mine
    ? t("team.line", { team: mine.name, rank: ordinal(mine.rank), points: points(mine.score) })
    : "";
}

/** @param {RankEntry} entry */
function rankRow(entry) {
  const row = el("li", "rank-row" + (entry.name === app.name ? " mine" : ""));
  row.append(
    el("span", "rank-n", number(entry.rank)),
    bankText(el("span", "rank-name", entry.name)),
    el("span", "rank-score", points(entry.score)),
  );
  return row;
}

/** @param {PodiumFrame} f */
export function onPodium(f) {
  app.podium = f;
  showTeam("podium-team", f.teams);
  const list = $("podium-list");
  list.replaceChildren();
  const medals = ["gold", "silver", "bronze"];
  for (const entry of (f.top || []).slice(0, 3)) {
    const mine = entry.name === app.name ? " mine" : "";
    const row = el("li", "step " + (medals[entry.rank - 1] || "") + mine);
    row.append(
      el("span", "step-place", ordinal(entry.rank)),
      bankText(el("span", "step-name", entry.name)),
      el("span", "step-score", t("score.points", { points: points(entry.score) })),
    );
    list.append(row);
  }
  $("podium-you").textContent = finalPlace(f.you);
  setScore(f.you && f.you.score);
  delete document.body.dataset.mood;
  showScreen("podium");
  announce(sentences(t("podium.title"), $("podium-you").textContent || ""));
}

/** @param {You | undefined} you */
function finalPlace(you) {
  if (!you || !you.rank) return "";
  const finished = t("final.finished", { rank: ordinal(you.rank), points: points(you.score) });
  return you.rank === 1 ? t("final.won") + " " + finished : finished;
}

/**
 * @param {string} title
 * @param {string} text
 * @param {"end" | "stop"} mood
 */
function showFinal(title, text, mood) {
  dropSelection(app.pin);
  dropAnswer(app.pin);
  stop();
  document.body.dataset.mood = mood;
  $("final-mark").textContent = mood === "end" ? "★" : "!";
  $("final-title").textContent = title;
  $("final-text").textContent = text;
  $("final-place").textContent = mood === "end" && app.podium ? finalPlace(app.podium.you) : "";
  setBanner(false);
  showScreen("final");
  announce(sentences(title, text));
}

/** Nothing more to come: no reconnecting after the end. */
export function onEnded() {
  showFinal(t("final.over"), t("final.thanks"), "end");
}

export function showKicked() {
  dropToken(app.pin);
  app.token = null;
  showFinal(t("final.kicked"), t("final.kickedText"), "stop");
}

export function showReplaced() {
  showFinal(
    t("final.replaced"),
    t("final.replacedText"),
    "stop",
  );
}

/**
 * "You are 3rd with 1,700 points", or "" before a rank.
 * @param {You} you
 */
function rankLine(you) {
  if (!you.rank) return "";
  return t("rank.line", { rank: ordinal(you.rank), points: points(you.score) });
}
