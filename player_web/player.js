// The quizhost player page: one ES module, one function per concern.
// Frames from the server are dispatched on `type`; every screen is drawn from the latest
// state frame, so a reconnect (which replays the current state after `welcome`) needs no
// special case. Every string from the server goes into the page as textContent, never HTML.

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";

// Answer colours with a shape each, so colour-blind players can tell them apart.
const SHAPES = [
  { name: "triangle", colour: "red", path: "M12 3 22 20H2z" },
  { name: "diamond", colour: "blue", path: "M12 2 22 12 12 22 2 12z" },
  { name: "circle", colour: "yellow", path: "M12 2a10 10 0 1 0 0.01 0z" },
  { name: "square", colour: "green", path: "M3 3h18v18H3z" },
  { name: "pentagon", colour: "purple", path: "M12 2 22 9.5 18 21H6L2 9.5z" },
  { name: "hexagon", colour: "teal", path: "M7 3h10l5 9-5 9H7l-5-9z" },
];
// True/False: Kahoot's blue diamond for True and red triangle for False.
const TRUE_FALSE_SHAPES = [1, 0];

// Reconnect like websockets' client backoff(): a random first delay, then x1.6 to a cap.
const FIRST_DELAY_MS = 1000;
const BASE_DELAY_MS = 800;
const MAX_DELAY_MS = 5000;
const BACKOFF_FACTOR = 1.6;
const CLOSE_REPLACED = 4001;
const CLOSE_KICKED = 4003;

const JOIN_ERRORS = {
  bad_pin: ["pin", "That PIN does not match a game. Check the PIN on the big screen."],
  name_invalid: ["name", "Choose a nickname of 1 to 20 letters or numbers."],
  name_taken: ["name", "Someone already has that nickname. Try another one."],
  game_locked: ["form", "The game is locked. Ask your teacher to let you in."],
  game_full: ["form", "The game is full. Ask your teacher."],
  rate_limited: ["form", "Too many tries. Wait a minute, then try again."],
  bad_state: ["form", "You are already in the game. Reload the page."],
};

const app = {
  pin: "",
  name: "",
  token: null,
  socket: null,
  joined: false, // a welcome arrived on the current socket
  pendingJoin: null, // {pin, name} waiting for the socket to open or for an answer
  final: false, // kicked or replaced: never reconnect
  attempt: 0,
  retryTimer: 0,
  question: null, // the latest question frame
  status: "none", // none | open | sending | sent | late
  pendingAnswer: null,
  clock: { end: 0, left: 0, limit: 1, paused: false, timer: 0 },
  podium: null,
};

// ---- Storage: the reconnect token, per game PIN -------------------------------------------

function tokenKey(pin) {
  return "quizhost:" + pin;
}

function loadToken(pin) {
  try {
    return pin ? localStorage.getItem(tokenKey(pin)) : null;
  } catch {
    return null; // storage disabled (private mode): the player can still play
  }
}

function saveToken(pin, token) {
  try {
    localStorage.setItem(tokenKey(pin), token);
  } catch {
    /* not stored: a reload will need a new join */
  }
}

function dropToken(pin) {
  app.token = null;
  try {
    localStorage.removeItem(tokenKey(pin));
  } catch {
    /* nothing stored */
  }
}

// ---- Connection ------------------------------------------------------------------------

function socketUrl() {
  return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/play";
}

function connect() {
  clearTimeout(app.retryTimer);
  if (app.socket || app.final) return;
  const socket = new WebSocket(socketUrl());
  app.socket = socket;
  app.joined = false;
  socket.addEventListener("open", () => {
    if (socket === app.socket) opened();
  });
  socket.addEventListener("message", (event) => {
    if (socket === app.socket) received(event.data);
  });
  socket.addEventListener("close", (event) => {
    if (socket === app.socket) closed(event.code);
  });
}

function send(frame) {
  if (app.socket && app.socket.readyState === WebSocket.OPEN) {
    app.socket.send(JSON.stringify(frame));
    return true;
  }
  return false;
}

function opened() {
  // The resume token always goes first; a join only when there is no token.
  if (app.token) send({ type: "resume", token: app.token });
  else if (app.pendingJoin) send({ type: "join", ...app.pendingJoin });
}

function received(data) {
  let frame;
  try {
    frame = JSON.parse(data);
  } catch {
    return;
  }
  if (!frame || typeof frame.type !== "string") return;
  const handler = HANDLERS[frame.type];
  if (handler) handler(frame);
}

function closed(code) {
  app.socket = null;
  app.joined = false;
  if (code === CLOSE_KICKED) return showKicked();
  if (code === CLOSE_REPLACED) return showReplaced();
  if (app.final) return;
  if (app.token) {
    setBanner(true);
    scheduleReconnect();
  } else if (app.pendingJoin) {
    app.pendingJoin = null;
    joinFailed("form", "Could not reach the game. Check the Wi-Fi, then try again.");
  }
}

function nextDelay() {
  const attempt = app.attempt++;
  if (attempt === 0) return Math.random() * FIRST_DELAY_MS;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * BACKOFF_FACTOR ** (attempt - 1));
}

function scheduleReconnect() {
  clearTimeout(app.retryTimer);
  app.retryTimer = setTimeout(connect, nextDelay());
}

function reconnectNow() {
  // A phone waking up or back online: don't wait for the backoff timer.
  if (!app.socket && app.token && !app.final) connect();
}

function setBanner(visible) {
  $("banner").hidden = !visible;
  document.body.classList.toggle("offline", visible);
}

// ---- Frames ----------------------------------------------------------------------------

const HANDLERS = {
  welcome: onWelcome,
  lobby: onLobby,
  question: onQuestion,
  paused: onPaused,
  resumed: (f) => onClockChange(f.remaining_ms, "The game goes on."),
  time_added: (f) => onClockChange(f.remaining_ms, "More time!"),
  answer_ack: onAnswerAck,
  reveal: onReveal,
  leaderboard: onLeaderboard,
  podium: onPodium,
  ended: onEnded,
  kicked: showKicked,
  error: onError,
};

function onWelcome(f) {
  app.joined = true;
  app.attempt = 0;
  app.name = String(f.name);
  app.token = String(f.token);
  app.pendingJoin = null;
  saveToken(app.pin, app.token);
  setBanner(false);
  $("me").textContent = app.name;
  // Keep the PIN in the address so a reload finds the token again.
  if (new URLSearchParams(location.search).get("pin") !== app.pin) {
    history.replaceState(null, "", "/?pin=" + encodeURIComponent(app.pin));
  }
  $("join-button").disabled = false;
}

function onLobby(f) {
  $("lobby-name").textContent = app.name;
  const n = Number(f.players) || 0;
  $("lobby-count").textContent = n === 1 ? "1 player has joined" : n + " players have joined";
  if (currentScreen() !== "lobby") {
    showScreen("lobby");
    announce("You're in! Waiting for the game to start.");
  }
}

function onQuestion(f) {
  const same =
    app.question && app.question.index === f.index && currentScreen() === "question";
  app.question = f;
  startClock(f.remaining_ms, f.time_limit_ms);
  if (same) {
    // Back after a reconnect: keep what the player chose. An answer that was in flight is
    // sent again; if it had arrived, the server says so (answer_ack or already_answered).
    if (app.status === "sending" && app.pendingAnswer) send(app.pendingAnswer);
    $("question-paused")?.remove();
    return;
  }
  renderQuestion(f);
  showScreen("question");
  announce("Question " + (f.index + 1) + " of " + f.total + ": " + f.text);
}

function onPaused() {
  const c = app.clock;
  c.left = Math.max(0, c.end - performance.now());
  c.paused = true;
  tick();
  if (currentScreen() === "question" && !$("question-paused")) {
    const note = el("p", "paused-note", "Paused: the teacher stopped the clock.");
    note.id = "question-paused";
    $("question-hint").after(note);
  }
  announce("Paused.");
}

function onClockChange(remaining, message) {
  $("question-paused")?.remove();
  const late = app.status === "late";
  startClock(remaining, app.question ? app.question.time_limit_ms : remaining);
  if (late && remaining > 0) setStatus("open", "");
  announce(message);
}

function onAnswerAck(f) {
  if (!app.question || f.question !== app.question.index) return;
  answerSent();
}

function answerSent() {
  app.pendingAnswer = null;
  setStatus("sent", "Answer sent ✓ Waiting for the others…");
}

function onError(f) {
  const code = String(f.code);
  if (code === "bad_token") return tokenLost();
  if (app.pendingJoin && JOIN_ERRORS[code]) {
    app.pendingJoin = null;
    return joinFailed(...JOIN_ERRORS[code]);
  }
  if (!app.question) return;
  if (code === "already_answered") return answerSent();
  if (code === "too_late" || code === "no_question") {
    app.pendingAnswer = null;
    return setStatus("late", "Too late: the time was up, so this answer did not count.");
  }
  if (code === "bad_answer" || code === "rate_limited" || code === "not_joined") {
    app.pendingAnswer = null;
    return setStatus("open", "That answer did not get through. Try again.");
  }
}

function tokenLost() {
  dropToken(app.pin);
  app.joined = false;
  if (app.pendingJoin && app.pendingJoin.pin === app.pin) {
    // The player had just typed a nickname: join with it on this same connection.
    send({ type: "join", ...app.pendingJoin });
    return;
  }
  showJoin("Your place in the game was lost, join again.");
}

// ---- Screens ---------------------------------------------------------------------------

const SCREENS = ["join", "connecting", "lobby", "question", "reveal", "leaderboard", "podium", "final"];

function showScreen(name) {
  for (const screen of SCREENS) $("screen-" + screen).hidden = screen !== name;
  document.body.dataset.screen = name;
  if (name !== "question") stopClock();
  window.scrollTo(0, 0);
}

function currentScreen() {
  return document.body.dataset.screen || "";
}

function announce(text) {
  $("announce").textContent = text;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function shapeIcon(index) {
  const shape = SHAPES[index % SHAPES.length];
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "shape");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", shape.path);
  svg.append(path);
  return svg;
}

function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : { 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th";
  return n + suffix;
}

function points(n) {
  return Number(n || 0).toLocaleString("en");
}

function setScore(score) {
  $("score").textContent = score === undefined ? "" : points(score) + " pts";
}

// ---- Join ------------------------------------------------------------------------------

function showJoin(message) {
  $("pin").value = app.pin;
  $("join-message").textContent = message || "";
  $("join-button").disabled = false;
  $("join-button").textContent = "Join";
  showScreen("join");
  if (app.pin) $("name").focus();
}

function joinFailed(field, message) {
  $("join-button").disabled = false;
  $("join-button").textContent = "Join";
  if (currentScreen() !== "join") showJoin();
  showFieldError(field, message);
}

function showFieldError(field, message) {
  for (const name of ["pin", "name"]) {
    const text = name === field ? message : "";
    $(name + "-error").textContent = text;
    $(name).setAttribute("aria-invalid", text ? "true" : "false");
  }
  if (field === "form") $("join-message").textContent = message;
  else if (field === "pin" || field === "name") $(field).focus();
}

function submitJoin(event) {
  event.preventDefault();
  const pin = $("pin").value.replace(/\s+/g, "");
  const name = $("name").value.trim();
  $("join-message").textContent = "";
  if (!/^\d{4,9}$/.test(pin)) return showFieldError("pin", "Type the game PIN from the big screen.");
  if (!name) return showFieldError("name", "Type a nickname.");
  showFieldError("none", "");
  app.pin = pin;
  app.token = loadToken(pin);
  app.pendingJoin = { pin, name };
  $("join-button").disabled = true;
  $("join-button").textContent = "Joining…";
  if (app.token && !app.socket) {
    // This phone already has a place in that game: take it back rather than joining twice.
    showScreen("connecting");
    return connect();
  }
  if (!send({ type: "join", pin, name })) connect();
}

// ---- Questions -------------------------------------------------------------------------

function renderQuestion(q) {
  app.status = "open";
  app.pendingAnswer = null;
  $("question-paused")?.remove();
  $("question-number").textContent = "Question " + (q.index + 1) + " of " + q.total;
  const bonus = { double: "Double points", none: "No points" }[q.points];
  $("question-points").hidden = !bonus;
  $("question-points").textContent = bonus || "";
  $("question-text").textContent = q.text;
  const image = $("question-image");
  if (typeof q.image === "string" && q.image.startsWith("/") && !q.image.startsWith("//")) {
    image.src = q.image;
    image.hidden = false;
  } else {
    image.removeAttribute("src");
    image.hidden = true;
  }
  $("answer-status").textContent = "";
  const answers = $("answers");
  answers.replaceChildren();
  answers.className = "answers";
  const render = {
    choice: q.multiple ? renderMultiple : renderChoice,
    true_false: renderTrueFalse,
    poll: renderChoice,
    type_answer: renderTypeAnswer,
    slider: renderSlider,
    order: renderOrder,
  }[q.kind];
  $("question-hint").textContent = "";
  if (render) render(q, answers);
  else $("question-hint").textContent = "This question cannot be shown on this page.";
  setStatus("open", "");
}

function submitAnswer(fields) {
  if (app.status !== "open" || !app.question) return;
  app.pendingAnswer = { type: "answer", question: app.question.index, ...fields };
  setStatus("sending", "Sending…");
  // If the socket is down the answer waits: it is sent again when the question comes back.
  send(app.pendingAnswer);
}

function setStatus(status, message) {
  app.status = status;
  $("answer-status").textContent = message;
  $("screen-question").dataset.status = status;
  const locked = status !== "open";
  for (const control of $("answers").querySelectorAll("button, input")) {
    control.disabled = locked || control.dataset.edge === "true";
  }
  if (!locked) updateSubmitStates();
}

function updateSubmitStates() {
  const submit = $("answers").querySelector("[data-needs-choice]");
  if (submit) submit.disabled = !$("answers").querySelector('[aria-pressed="true"]');
}

function answerButton(text, shapeIndex) {
  const button = el("button", "answer " + SHAPES[shapeIndex % SHAPES.length].colour);
  button.type = "button";
  button.append(shapeIcon(shapeIndex), el("span", "answer-text", text));
  return button;
}

function choiceGrid(container, choices) {
  // Two columns only while every word fits a half-width button at 320 px; else one column.
  const long = choices.some((c) => String(c).length > 18 || String(c).split(/\s+/).some((w) => w.length > 9));
  container.classList.add("grid");
  if (long || choices.length === 2) container.classList.add("wide");
}

function renderChoice(q, container) {
  $("question-hint").textContent = q.kind === "poll" ? "Vote: tap one" : "Tap one answer";
  choiceGrid(container, q.choices);
  q.choices.forEach((choice, i) => {
    const button = answerButton(choice, i);
    button.addEventListener("click", () => {
      if (app.status !== "open") return;
      button.classList.add("chosen");
      submitAnswer({ choice: i });
    });
    container.append(button);
  });
}

function renderTrueFalse(q, container) {
  $("question-hint").textContent = "True or false?";
  container.classList.add("grid", "wide");
  q.choices.forEach((choice, i) => {
    const button = answerButton(choice, TRUE_FALSE_SHAPES[i] ?? i);
    button.addEventListener("click", () => {
      if (app.status !== "open") return;
      button.classList.add("chosen");
      submitAnswer({ choice: i });
    });
    container.append(button);
  });
}

function renderMultiple(q, container) {
  $("question-hint").textContent = "Tap every right answer, then Submit";
  const grid = el("div", "answers grid");
  choiceGrid(grid, q.choices);
  q.choices.forEach((choice, i) => {
    const button = answerButton(choice, i);
    button.setAttribute("aria-pressed", "false");
    button.dataset.index = String(i);
    const tick = el("span", "tick", "✓");
    tick.setAttribute("aria-hidden", "true");
    button.append(tick);
    button.addEventListener("click", () => {
      const pressed = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(pressed));
      updateSubmitStates();
    });
    grid.append(button);
  });
  const submit = submitButton(() => {
    const chosen = [...grid.querySelectorAll('[aria-pressed="true"]')].map((b) => Number(b.dataset.index));
    if (chosen.length) submitAnswer({ choices: chosen });
  });
  submit.dataset.needsChoice = "";
  submit.disabled = true;
  container.append(grid, submit);
}

function submitButton(action) {
  const button = el("button", "primary submit", "Submit answer");
  button.type = "button";
  button.addEventListener("click", action);
  return button;
}

function renderTypeAnswer(q, container) {
  $("question-hint").textContent = "Type your answer";
  const form = el("form", "type-answer");
  const label = el("label", "", "Your answer");
  label.htmlFor = "typed-answer";
  const input = el("input");
  input.id = "typed-answer";
  Object.assign(input, { autocomplete: "off", spellcheck: false, maxLength: 120 });
  input.setAttribute("autocapitalize", "off");
  input.setAttribute("enterkeyhint", "send");
  const submit = el("button", "primary submit", "Submit answer");
  submit.type = "submit";
  form.append(label, input, submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) submitAnswer({ text });
    else input.focus();
  });
  // Keep the field above the phone's keyboard.
  input.addEventListener("focus", () => setTimeout(() => form.scrollIntoView({ block: "center" }), 300));
  container.append(form);
}

function decimals(step) {
  const text = String(step);
  return text.includes(".") ? text.split(".")[1].length : 0;
}

function renderSlider(q, container) {
  $("question-hint").textContent = "Slide to your answer, then Submit";
  const min = Number(q.min);
  const max = Number(q.max);
  const step = Number(q.step) || 1;
  const places = decimals(step);
  const snap = (v) => Math.min(max, Math.max(min, min + Math.round((v - min) / step) * step));
  const box = el("div", "slider");
  const output = el("output", "slider-value");
  output.htmlFor = "slider-input";
  output.setAttribute("aria-live", "polite");
  const input = el("input");
  input.type = "range";
  input.id = "slider-input";
  Object.assign(input, { min: String(min), max: String(max), step: String(step) });
  input.setAttribute("aria-label", "Your answer, from " + min + " to " + max);
  input.value = snap((min + max) / 2).toFixed(places);
  const show = () => {
    output.textContent = Number(input.value).toFixed(places);
  };
  input.addEventListener("input", show);
  const ends = el("div", "slider-ends");
  ends.append(el("span", "", min.toFixed(places)), el("span", "", max.toFixed(places)));
  const nudge = (sign, label) => {
    const button = el("button", "nudge", sign > 0 ? "+" : "−");
    button.type = "button";
    button.setAttribute("aria-label", label);
    button.addEventListener("click", () => {
      input.value = snap(Number(input.value) + sign * step).toFixed(places);
      show();
    });
    return button;
  };
  const row = el("div", "slider-row");
  row.append(nudge(-1, "Less"), output, nudge(1, "More"));
  show();
  const submit = submitButton(() => submitAnswer({ value: Number(Number(input.value).toFixed(places)) }));
  box.append(row, input, ends);
  container.append(box, submit);
}

function renderOrder(q, container) {
  $("question-hint").textContent = "Put in order: tap an item, then tap its new place (or use the arrows)";
  const list = el("ol", "order");
  list.setAttribute("aria-label", "Your order, first to last");
  let picked = null;
  const items = q.items.map((text, index) => ({ text, index }));
  const draw = () => {
    list.replaceChildren();
    items.forEach((item, position) => {
      const row = el("li", "order-item" + (picked === position ? " picked" : ""));
      const pick = el("button", "order-pick");
      pick.type = "button";
      pick.setAttribute("aria-pressed", String(picked === position));
      pick.append(el("span", "order-number", position + 1), el("span", "order-text", item.text));
      pick.addEventListener("click", () => {
        if (picked === null) picked = position;
        else if (picked === position) picked = null;
        else {
          move(picked, position);
          picked = null;
        }
        draw();
        list.querySelectorAll(".order-pick")[position]?.focus();
      });
      const up = arrow("↑", "Move " + item.text + " up", position === 0, () => move(position, position - 1));
      const down = arrow("↓", "Move " + item.text + " down", position === items.length - 1, () =>
        move(position, position + 1),
      );
      row.append(pick, up, down);
      list.append(row);
    });
  };
  const arrow = (symbol, label, disabled, action) => {
    const button = el("button", "order-arrow", symbol);
    button.type = "button";
    button.setAttribute("aria-label", label);
    button.dataset.edge = String(disabled);
    button.disabled = disabled || app.status !== "open";
    button.addEventListener("click", () => {
      action();
      picked = null;
      draw();
    });
    return button;
  };
  const move = (from, to) => {
    const [item] = items.splice(from, 1);
    items.splice(to, 0, item);
    announce(item.text + " is now number " + (to + 1));
  };
  draw();
  const submit = submitButton(() => submitAnswer({ order: items.map((item) => item.index) }));
  container.append(list, submit);
}

// ---- The clock: the server's remaining_ms, ticked down locally ---------------------------

function startClock(remaining, limit) {
  const c = app.clock;
  c.end = performance.now() + Math.max(0, Number(remaining) || 0);
  c.limit = Math.max(1, Number(limit) || 1);
  c.paused = false;
  clearInterval(c.timer);
  c.timer = setInterval(tick, 200);
  tick();
}

function stopClock() {
  clearInterval(app.clock.timer);
}

function tick() {
  const c = app.clock;
  const left = c.paused ? c.left : Math.max(0, c.end - performance.now());
  $("timer-value").textContent = String(Math.ceil(left / 1000));
  $("progress-bar").style.transform = "scaleX(" + Math.min(1, left / c.limit).toFixed(3) + ")";
  document.body.classList.toggle("hurry", left > 0 && left <= 5000);
  if (left <= 0 && !c.paused) {
    clearInterval(c.timer);
    if (app.status === "open") setStatus("late", "Time's up!");
  }
}

// ---- Reveal, leaderboard, podium, the end ------------------------------------------------

function describeCorrect(q, correct) {
  if (correct === null || correct === undefined) return "";
  switch (q.kind) {
    case "choice":
    case "true_false":
      return [].concat(correct).map((i) => q.choices[i]).join(", ");
    case "order":
      return correct.map((i) => q.items[i]).join(" → ");
    default:
      return String(correct);
  }
}

function onReveal(f) {
  const you = f.you || {};
  const poll = f.correct === null;
  let title;
  let mood;
  if (!you.answered) [title, mood] = ["No answer this time", "neutral"];
  else if (poll) [title, mood] = ["Thanks for voting!", "neutral"];
  else if (you.correct) [title, mood] = ["Correct!", "right"];
  else [title, mood] = ["Not quite", "wrong"];
  document.body.dataset.mood = mood;
  $("reveal-mark").textContent = { right: "✓", wrong: "✗", neutral: "•" }[mood];
  $("reveal-title").textContent = title;
  $("reveal-points").textContent = poll ? "" : "+" + points(you.points);
  $("reveal-streak").textContent = you.streak > 1 ? "Answer streak: " + you.streak : "";
  $("reveal-rank").textContent = you.rank
    ? "You are " + ordinal(you.rank) + " with " + points(you.score) + " points"
    : "";
  setScore(you.score);
  renderRevealAnswer(f);
  const explanation = $("reveal-explanation");
  explanation.hidden = !f.explanation;
  explanation.textContent = f.explanation || "";
  showScreen("reveal");
  announce(title + ". " + $("reveal-rank").textContent);
}

function renderRevealAnswer(f) {
  const q = f.question || (app.question && app.question.index === f.index ? app.question : null);
  const box = $("reveal-answer");
  const list = $("reveal-counts");
  list.replaceChildren();
  $("reveal-correct").textContent = "";
  if (!q) {
    box.hidden = true;
    return;
  }
  const correct = [].concat(f.correct ?? []);
  if (Array.isArray(f.counts) && Array.isArray(q.choices)) {
    const total = Math.max(1, ...f.counts);
    q.choices.forEach((choice, i) => {
      const shape = q.kind === "true_false" ? (TRUE_FALSE_SHAPES[i] ?? i) : i;
      const right = f.correct !== null && correct.includes(i);
      const row = el("li", "count " + SHAPES[shape % SHAPES.length].colour + (right ? " right" : ""));
      const bar = el("span", "count-bar");
      bar.style.width = Math.round((100 * (f.counts[i] || 0)) / total) + "%";
      row.append(shapeIcon(shape), el("span", "count-text", choice), el("span", "count-n", f.counts[i] || 0), bar);
      if (right) row.setAttribute("aria-label", choice + ", right answer, " + (f.counts[i] || 0) + " answers");
      list.append(row);
    });
    $("reveal-answer-title").textContent = f.correct === null ? "The votes" : "Answers (✓ right)";
  } else {
    $("reveal-answer-title").textContent = "The answer";
    $("reveal-correct").textContent = describeCorrect(q, f.correct);
  }
  box.hidden = false;
}

function onLeaderboard(f) {
  const list = $("leaderboard-list");
  list.replaceChildren();
  for (const entry of f.top || []) list.append(rankRow(entry));
  const you = f.you || {};
  $("leaderboard-you").textContent = you.rank
    ? "You are " + ordinal(you.rank) + " with " + points(you.score) + " points"
    : "";
  setScore(you.score);
  delete document.body.dataset.mood;
  showScreen("leaderboard");
  announce("Leaderboard. " + $("leaderboard-you").textContent);
}

function rankRow(entry) {
  const row = el("li", "rank-row" + (entry.name === app.name ? " mine" : ""));
  row.append(
    el("span", "rank-n", entry.rank),
    el("span", "rank-name", entry.name),
    el("span", "rank-score", points(entry.score)),
  );
  return row;
}

function onPodium(f) {
  app.podium = f;
  const list = $("podium-list");
  list.replaceChildren();
  const medals = ["gold", "silver", "bronze"];
  for (const entry of (f.top || []).slice(0, 3)) {
    const row = el("li", "step " + (medals[entry.rank - 1] || "") + (entry.name === app.name ? " mine" : ""));
    row.append(el("span", "step-place", ordinal(entry.rank)), el("span", "step-name", entry.name), el("span", "step-score", points(entry.score) + " pts"));
    list.append(row);
  }
  $("podium-you").textContent = finalPlace(f.you);
  setScore(f.you && f.you.score);
  delete document.body.dataset.mood;
  showScreen("podium");
  announce("Podium. " + $("podium-you").textContent);
}

function finalPlace(you) {
  if (!you || !you.rank) return "";
  const prefix = you.rank === 1 ? "You won! " : "";
  return prefix + "You finished " + ordinal(you.rank) + " with " + points(you.score) + " points";
}

function showFinal(title, text, mood) {
  stopClock();
  document.body.dataset.mood = mood;
  $("final-mark").textContent = { end: "★", stop: "!" }[mood] || "";
  $("final-title").textContent = title;
  $("final-text").textContent = text;
  $("final-place").textContent = mood === "end" && app.podium ? finalPlace(app.podium.you) : "";
  setBanner(false);
  showScreen("final");
  announce(title + ". " + text);
}

function onEnded() {
  app.final = true; // nothing more to come: no reconnecting after the end
  showFinal("Game over", "Thanks for playing!", "end");
}

function showKicked() {
  app.final = true;
  clearTimeout(app.retryTimer);
  dropToken(app.pin);
  showFinal("You were removed from the game", "The teacher took you out of this game.", "stop");
}

function showReplaced() {
  app.final = true;
  clearTimeout(app.retryTimer);
  showFinal(
    "You opened the game somewhere else",
    "This page is no longer connected. Keep playing on the other page.",
    "stop",
  );
}

// ---- Start -----------------------------------------------------------------------------

function start() {
  const pin = (new URLSearchParams(location.search).get("pin") || "").replace(/\D/g, "").slice(0, 9);
  app.pin = pin;
  app.token = loadToken(pin);
  $("join-form").addEventListener("submit", submitJoin);
  window.addEventListener("online", reconnectNow);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") reconnectNow();
  });
  if (app.token) {
    // Never the join form while a resume is pending.
    showScreen("connecting");
    connect();
  } else {
    showJoin("");
    $("join-message").textContent = pin ? "" : "Type the PIN shown on the big screen.";
  }
}

start();
