/* The waiting-room board: follows the public board feed and shows the latest calls, the
   newest emphasised (1 flash per second, 4 times; WCAG allows at most 3 per second), the
   waiting count and wait range per service, the clock and the branch's info line. */
"use strict";

(function () {
  const { config, t, translate, waitText, follow, fontSizes, report } = window.DinTur;
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const FLASH_MS = 4000;
  const ANNOUNCE_WINDOW_MS = 60000;
  const lang = config.lang;
  let board = null;
  let seen = null; // "key:recalls" of every call already on screen (null until the first board)
  let flashTimer = 0;

  function name(names) {
    return (names && (names[lang] || names.da || names.en || Object.values(names)[0])) || "";
  }

  function counterName(id) {
    const counter = board.counters[id];
    return counter ? name(counter.names) : id;
  }

  function sizes() {
    return fontSizes(innerWidth, innerHeight,
      Number(params.get("inches")) || 55, Number(params.get("distance")) || 8);
  }

  function layout() {
    const s = sizes();
    const root = document.documentElement.style;
    root.setProperty("--small", `${s.small}px`);
    root.setProperty("--min", `${s.min}px`);
    root.setProperty("--call", `${s.call}px`);
    root.setProperty("--hero", `${s.hero}px`);
    document.body.classList.toggle("portrait", innerHeight > innerWidth);
    if (board) render();
  }

  /** Shrink an element's font until its text fits on one line, never below `min` px. */
  function fit(el, max, min) {
    let size = max;
    el.style.fontSize = `${size}px`;
    while (el.scrollWidth > el.clientWidth + 1 && size > min) {
      size = Math.max(min, size - 2);
      el.style.fontSize = `${size}px`;
    }
  }

  /** Replace an element's children (older TV browsers lack replaceChildren). */
  function fill(el, children) {
    while (el.firstChild) el.removeChild(el.firstChild);
    for (const child of children) el.appendChild(child);
  }

  function callRow(call) {
    const row = document.createElement("li");
    row.className = "call";
    for (const [cls, text] of [["number", call.number], ["arrow", "→"],
                               ["counter", counterName(call.counter)]]) {
      const span = document.createElement("span");
      span.className = cls;
      span.textContent = text;
      if (cls === "arrow") span.setAttribute("aria-hidden", "true");
      row.appendChild(span);
    }
    return row;
  }

  function queueRow(q) {
    const li = document.createElement("li");
    li.className = q.open_now ? "queue" : "queue closed";
    li.dataset.service = q.service;
    const title = document.createElement("span");
    title.className = "name";
    title.textContent = name(q.names);
    const count = document.createElement("span");
    count.className = "count";
    count.textContent = q.waiting ? String(q.waiting) : "";
    const wait = document.createElement("span");
    wait.className = "wait";
    wait.textContent = !q.open_now ? t("board.closed")
      : q.waiting ? waitText(q.wait) : t("board.nobody_waiting");
    li.append(title, count, wait);
    return li;
  }

  let queuePage = 0;

  function showQueuePage() {
    const rows = [...$("queues").children];
    const list = $("queues").parentElement;
    const rowHeight = rows.length ? rows[0].getBoundingClientRect().height || 1 : 1;
    const head = list.querySelector(".queues-head").getBoundingClientRect().height;
    const perPage = Math.max(1, Math.floor((list.clientHeight - head) / rowHeight));
    const pages = Math.max(1, Math.ceil(rows.length / perPage));
    if (queuePage >= pages) queuePage = 0;
    rows.forEach((row, i) => { row.hidden = Math.floor(i / perPage) !== queuePage; });
    $("page").textContent = pages > 1 ? `${queuePage + 1}/${pages}` : "";
    return pages;
  }

  function render() {
    const s = sizes();
    const portrait = document.body.classList.contains("portrait");
    $("branch").textContent = name(board.branch.names);
    const info = $("info");
    info.textContent = name(board.branch.info);
    info.classList.add("one-line");
    if (info.scrollWidth > info.clientWidth + 1) info.classList.remove("one-line");

    const [newest, ...older] = board.calls;
    const hero = $("hero");
    hero.hidden = !newest;
    $("empty").hidden = Boolean(newest);
    if (newest) {
      hero.querySelector(".number").textContent = newest.number;
      hero.querySelector(".counter").textContent = counterName(newest.counter);
      hero.dataset.key = newest.key;
      fit(hero.querySelector(".counter"), portrait ? Math.round(s.call * 1.15) : s.hero, s.min);
    }

    fill($("queues"), board.queues.map(queueRow));
    const history = $("history");
    const rowHeight = s.call * 1.15;
    const boardBox = history.parentElement;
    const free = boardBox.clientHeight - 2 * s.small * 0.35;
    const queueRows = 3 * (s.small * 1.1 + s.min * 1.15 + 2) + s.min * 1.3 + s.small * 0.35;
    const rows = Math.max(1, Math.floor((portrait ? free - queueRows : free) / rowHeight));
    fill(history, older.slice(0, rows).map(callRow));
    for (const el of history.querySelectorAll(".counter")) fit(el, s.call, s.min);
    for (const el of $("queues").querySelectorAll(".name")) fit(el, s.small, s.min);
    showQueuePage();
    if (newest) report({ number: newest.number, counter: newest.counter, seq: board.seq });
  }

  function emphasise() {
    const hero = $("hero");
    hero.classList.remove("flash");
    void hero.offsetWidth; // restart the animation
    hero.classList.add("flash");
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => hero.classList.remove("flash"), FLASH_MS);
  }

  function chime() {
    const audio = $("chime");
    audio.currentTime = 0;
    const playing = audio.play();
    if (playing && playing.catch) {
      playing.catch((err) => {
        // a browser that forbids sound until someone taps: offer the tap, keep showing
        if (err && err.name === "NotAllowedError") $("sound").hidden = false;
      });
    }
  }

  function onBoard(message) {
    if (message.type !== "board") return;
    const previous = seen;
    board = message;
    seen = new Set(board.calls.map((c) => `${c.key}:${c.recalls}`));
    render();
    const newest = board.calls[0];
    if (!previous || !newest || newest.state !== "called") return;
    const fresh = Date.parse(board.at) - Date.parse(newest.called_at) <= ANNOUNCE_WINDOW_MS;
    if (!previous.has(`${newest.key}:${newest.recalls}`) && fresh) {
      emphasise();
      chime();
    }
  }

  function onStatus(status, event) {
    const el = $("status");
    el.hidden = status === "live";
    el.className = `status ${status}`;
    if (status === "offline") el.textContent = t("board.offline");
    if (status === "refused") {
      el.textContent = t("board.refused", { detail: (event && event.reason) || "" });
    }
  }

  const clockFormat = new Intl.DateTimeFormat("da-DK", {
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: config.timezone,
  });
  function tick() {
    const parts = clockFormat.formatToParts(new Date());
    const part = (type) => (parts.find((p) => p.type === type) || {}).value || "";
    $("clock").textContent = `${part("hour")}:${part("minute")}`;
  }

  translate();
  $("status").hidden = false;
  $("status").className = "status connecting";
  $("status").textContent = t("board.connecting");
  $("sound").addEventListener("click", () => {
    $("sound").hidden = true;
    $("chime").play().catch(() => {});
  });
  addEventListener("resize", layout);
  layout();
  tick();
  setInterval(tick, 1000);
  setInterval(() => { if (board) { queuePage += 1; showQueuePage(); } }, 8000);

  const query = new URLSearchParams();
  if (config.zone) query.set("zone", config.zone);
  follow(`/api/v1/board/${encodeURIComponent(config.branch)}/events?${query}`, {
    onMessage: onBoard,
    onStatus,
    token: params.get("token"),
  });
})();
