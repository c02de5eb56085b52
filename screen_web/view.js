// @ts-check
// Drawing the big screen from one `screen_state` frame: every screen is drawn from the latest
// frame alone, so a reconnect or a missed frame needs no special case. Text from banks and
// nicknames is set with textContent, never as HTML.

import { mathAt, showMath, spokenText } from "../mathml.js";
import { paint, shapeIcon, styleOf } from "../shapes.js";

/**
 * @typedef {{type?: string, index: number, total: number, kind: string, text: string,
 *   multiple: boolean, time_limit_ms: number, points: string, image: string | null,
 *   choices?: string[], items?: string[], min?: number, max?: number, step?: number,
 *   text_math?: unknown, choices_math?: unknown[], items_math?: unknown[]}} Question
 * @typedef {{index: number, correct: any, counts: number[] | null, explanation: string | null,
 *   explanation_math?: unknown,
 *   accepted?: string[], typed?: {text: string, players: number}[],
 *   slider?: {answer: number, margin: number, buckets: number[]}}} Reveal
 * @typedef {{name: string, score: number, rank: number, gained: number,
 *   previous_rank: number | null}} Ranked
 * @typedef {{type: string, state: string, pin: string, join_url: string, locked: boolean,
 *   players: number, joined: string[], question?: Question, remaining_ms?: number | null,
 *   answered?: number, reveal?: Reveal, top?: Ranked[], opens_in_ms?: number,
 *   round?: RoundInfo, teams?: Team[]}} ScreenState
 * @typedef {{index: number, total: number, title: string, questions: number}} RoundInfo
 * @typedef {{name: string, score: number, rank: number, gained: number, members: number}} Team
 */

/** @param {string} id */
export function $(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error("missing #" + id);
  return node;
}

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const SCREENS = ["connecting", "gate", "lobby", "round", "question", "reveal", "leaderboard", "podium", "paused", "ended"];

/** @param {string} name */
export function showScreen(name) {
  for (const screen of SCREENS) $("s-" + screen).hidden = screen !== name;
  document.body.dataset.state = name;
}

/** @param {number} n @param {string} one @param {string} many */
function plural(n, one, many) {
  return n === 1 ? "1 " + one : n + " " + many;
}

/** A count or a score, with thousands separators. @param {number} value */
function number(value) {
  return value.toLocaleString("en");
}

/** A slider's value as the bank wrote it (a year is 1969, not 1,969). @param {number} v */
function plain(v) {
  return String(v);
}

/** @param {ScreenState} f */
export function drawLobby(f) {
  $("join-url").textContent = f.join_url;
  $("pin").textContent = f.pin;
  $("player-count").textContent = plural(f.players, "player", "players");
  const list = $("joined");
  const names = [...f.joined].reverse();
  const shown = [...list.children].map((li) => li.textContent);
  if (names.join("\n") !== shown.join("\n")) {
    list.replaceChildren(...names.map((name) => el("li", "", name)));
  }
  $("locked").hidden = !f.locked;
}

/**
 * The question as the room sees it: text, image, tiles; never which answer is popular.
 * `intro` shows the question alone (answers not open yet).
 * @param {ScreenState} f
 * @param {boolean} intro
 */
export function drawQuestion(f, intro) {
  const q = /** @type {Question} */ (f.question);
  const section = $("s-question");
  if (intro) section.dataset.intro = "";
  else delete section.dataset.intro;
  $("q-number").textContent = "Question " + (q.index + 1) + " of " + q.total;
  showMath($("q-text"), q.text_math, q.text);
  const image = /** @type {HTMLImageElement} */ ($("q-image"));
  if (q.image) {
    if (image.getAttribute("src") !== q.image) image.src = q.image;
    image.alt = "Picture for the question";
    image.hidden = false;
  } else {
    image.hidden = true;
    image.removeAttribute("src");
  }
  const answered = $("q-answered");
  answered.hidden = !intro && !f.players; // a preview, or a game nobody joined: no "0 of 0"
  answered.textContent = intro ? "Get ready!" : "Answered " + number(f.answered || 0) + " of " + number(f.players);
  const key = "q" + q.index + ":" + f.state;
  const tiles = $("q-tiles");
  const hint = $("q-hint");
  if (tiles.dataset.key === key) return;
  tiles.dataset.key = key;
  tiles.classList.toggle("plain", q.kind === "order");
  hint.hidden = true;
  if (q.choices) {
    tiles.replaceChildren(...q.choices.map((text, i) => tile(q.kind, i, text, mathAt(q.choices_math, i))));
  } else if (q.items) {
    tiles.replaceChildren(...q.items.map((text, i) => showMath(el("li", "tile"), mathAt(q.items_math, i), text)));
    hint.textContent = "Put these in the right order on your phone";
    hint.hidden = false;
  } else {
    tiles.replaceChildren();
    hint.hidden = false;
    hint.textContent =
      q.kind === "slider"
        ? "Pick a number from " + plain(q.min ?? 0) + " to " + plain(q.max ?? 0) + " on your phone"
        : "Type your answer on your phone";
  }
}

/** @param {string} kind @param {number} i @param {string} text @param {unknown} math */
function tile(kind, i, text, math) {
  const li = el("li", "tile");
  const style = styleOf(kind, i);
  paint(li, style);
  li.append(shapeIcon(style), showMath(el("span", ""), math, text));
  return li;
}

/** @param {any} correct @param {number} i */
function isCorrect(correct, i) {
  return Array.isArray(correct) ? correct.includes(i) : correct === i;
}

/** @param {ScreenState} f */
export function drawReveal(f) {
  const q = /** @type {Question} */ (f.question);
  const r = /** @type {Reveal} */ (f.reveal);
  showMath($("r-text"), q.text_math, q.text);
  const bars = $("r-bars");
  const counts = r.counts;
  bars.hidden = !(q.choices && counts);
  if (q.choices && counts) {
    const most = Math.max(1, ...counts);
    const poll = q.kind === "poll";
    bars.replaceChildren(
      ...q.choices.map((text, i) => {
        const right = !poll && isCorrect(r.correct, i);
        const li = el("li", "bar " + (poll || right ? "right" : "wrong"));
        const style = styleOf(q.kind, i);
        paint(li, style);
        li.style.setProperty("--share", String(counts[i] / most));
        li.dataset.correct = right ? "true" : "false";
        const head = el("span", "num", number(counts[i]));
        if (right) head.append(el("span", "tick", " ✓"));
        const label = el("span", "label");
        label.append(shapeIcon(style), showMath(el("span", ""), mathAt(q.choices_math, i), text));
        label.setAttribute("aria-label", spokenText(mathAt(q.choices_math, i), text) + ": " + plural(counts[i], "answer", "answers") + (right ? ", correct" : ""));
        li.append(head, el("span", "fill"), label);
        return li;
      }),
    );
  }
  const typed = $("r-typed");
  typed.hidden = !r.accepted;
  if (r.accepted) {
    $("r-accepted").replaceChildren(...r.accepted.map((text) => el("li", "right", text)));
    const common = r.typed || [];
    $("r-common").replaceChildren(
      ...(common.length
        ? common.map((t) => el("li", "", t.text + " · " + number(t.players)))
        : [el("li", "", "—")]),
    );
  }
  const slider = $("r-slider");
  slider.hidden = !r.slider;
  if (r.slider) {
    const s = r.slider;
    $("r-slider-answer").textContent = plain(s.answer) + (s.margin ? " ± " + plain(s.margin) : "");
    const most = Math.max(1, ...s.buckets);
    const lo = q.min ?? 0;
    const width = ((q.max ?? 0) - lo) / s.buckets.length;
    $("r-buckets").replaceChildren(
      ...s.buckets.map((n, i) => {
        const li = el("li");
        li.style.setProperty("--share", String(n / most));
        const from = lo + i * width;
        const hit = from <= s.answer + s.margin && from + width >= s.answer - s.margin;
        if (hit) li.className = "hit";
        li.title = number(n);
        li.setAttribute("aria-label", plural(n, "answer", "answers") + " from " + plain(Math.round(from * 100) / 100));
        return li;
      }),
    );
    $("r-slider-range").replaceChildren(el("span", "", plain(lo)), el("span", "", plain(q.max ?? 0)));
  }
  const order = $("r-order");
  const items = q.items;
  order.hidden = !(items && Array.isArray(r.correct));
  if (items && Array.isArray(r.correct)) {
    order.replaceChildren(
      ...r.correct.map((/** @type {number} */ i) => showMath(el("li", ""), mathAt(q.items_math, i), items[i])),
    );
  }
  const explanation = $("r-explanation");
  explanation.hidden = !r.explanation;
  showMath(explanation, r.explanation_math, r.explanation || "");
}

/** @param {Ranked} row */
function rankRow(row) {
  const li = el("li", "row");
  li.dataset.rank = String(row.rank);
  const moved = row.previous_rank === null ? 0 : row.previous_rank - row.rank;
  const arrow = moved > 0 ? "▲" : moved < 0 ? "▼" : "";
  // Slide in from where the player stood last time (rows are about 1.2 rows of text apart).
  const from = row.previous_rank === null ? 3 : Math.min(row.previous_rank, 7) - row.rank;
  li.style.setProperty("--from", from * 130 + "%");
  li.append(
    el("span", "rank", String(row.rank)),
    el("span", "name", row.name),
    el("span", "score", number(row.score)),
    el("span", "gain", row.gained ? "+" + number(row.gained) : ""),
    el("span", "move", arrow),
  );
  const move = moved > 0 ? ", up " + moved : moved < 0 ? ", down " + -moved : "";
  li.setAttribute("aria-label", "Rank " + row.rank + ": " + row.name + ", " + number(row.score) + " points" + move);
  return li;
}

/** @param {ScreenState} f @param {string} listId */
export function drawRanking(f, listId) {
  const list = $(listId);
  const key = JSON.stringify(f.top || []);
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...(f.top || []).map(rankRow));
}

/** A round's title screen: its number, title and size. @param {ScreenState} f */
export function drawRound(f) {
  const round = f.round;
  if (!round) return;
  $("rd-number").textContent = "Round " + (round.index + 1) + " of " + round.total;
  $("rd-title").textContent = round.title;
  $("rd-size").textContent = plural(round.questions, "question", "questions");
}

/**
 * A team game's standings above the players' ranking; hidden in a game without teams.
 * @param {ScreenState} f
 * @param {string} listId
 */
export function drawTeams(f, listId) {
  const list = $(listId);
  const teams = f.teams || [];
  list.hidden = teams.length === 0;
  const key = JSON.stringify(teams);
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(
    ...teams.map((team) => {
      const li = el("li", "team");
      li.append(
        el("span", "rank", String(team.rank)),
        el("span", "name", "Team " + team.name),
        el("span", "score", number(team.score)),
      );
      return li;
    }),
  );
}

/** @param {ScreenState} f @returns {number[]} the ranks shown, in the order they appear */
export function drawPodium(f) {
  const list = $("pd-places");
  const key = JSON.stringify(f.top || []);
  if (list.dataset.key === key) return [];
  list.dataset.key = key;
  const top = (f.top || []).slice(0, 3);
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  list.replaceChildren(
    ...top.map((row) => {
      const li = el("li", "place");
      li.dataset.rank = String(row.rank);
      li.style.setProperty("--delay", reduced ? "0s" : (3 - row.rank) * 1.6 + "s");
      li.append(el("span", "name", row.name), el("span", "score", number(row.score) + " points"));
      const block = el("span", "block", String(row.rank));
      block.setAttribute("aria-hidden", "true");
      li.append(block);
      li.setAttribute("aria-label", "Place " + row.rank + ": " + row.name + ", " + number(row.score) + " points");
      return li;
    }),
  );
  return top.map((row) => row.rank).sort((a, b) => b - a);
}
