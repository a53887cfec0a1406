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

  function layout() {
    const portrait = innerHeight > innerWidth;
    const s = fontSizes(innerWidth, innerHeight,
      Number(params.get("inches")) || 55, Number(params.get("distance")) || 8);
    const root = document.documentElement.style;
    root.setProperty("--small", `${s.small}px`);
    root.setProperty("--call", `${s.call}px`);
    root.setProperty("--hero", `${s.hero}px`);
    document.body.classList.toggle("portrait", portrait);
    if (board) render();
  }

  /** Shrink an element's font until its text fits on one line, never below `min` px. */
  function fit(el, max, min) {
    let size = max;
    el.style.fontSize = `${size}px`;
    while (el.scrollWidth > el.clientWidth + 1 && size > min) {
      size = Math.max(min, size - 4);
      el.style.fontSize = `${size}px`;
    }
  }

  function callRow(call, tag) {
    const row = document.createElement(tag);
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

  function render() {
    const s = fontSizes(innerWidth, innerHeight,
      Number(params.get("inches")) || 55, Number(params.get("distance")) || 8);
    $("branch").textContent = name(board.branch.names);
    $("info").textContent = name(board.branch.info);
    const [newest, ...older] = board.calls;
    const hero = $("hero");
    hero.hidden = !newest;
    $("empty").hidden = Boolean(newest);
    if (newest) {
      hero.querySelector(".number").textContent = newest.number;
      hero.querySelector(".counter").textContent = counterName(newest.counter);
      hero.dataset.key = newest.key;
      fit(hero.querySelector(".number"), s.hero, s.call);
      fit(hero.querySelector(".counter"), s.hero, s.small);
    }
    const rows = document.body.classList.contains("portrait") ? 6 : 4;
    $("history").replaceChildren(...older.slice(0, rows).map((c) => callRow(c, "li")));
    for (const el of $("history").querySelectorAll(".counter")) fit(el, s.call, s.small);

    $("queues").replaceChildren(...board.queues.map((q) => {
      const li = document.createElement("li");
      li.className = q.open_now ? "queue" : "queue closed";
      const title = document.createElement("span");
      title.className = "name";
      title.textContent = name(q.names);
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = q.waiting ? t("board.waiting", { n: q.waiting }) : t("board.nobody_waiting");
      const wait = document.createElement("span");
      wait.className = "wait";
      wait.textContent = q.open_now ? waitText(q.wait_min) : t("board.closed");
      li.append(title, count, wait);
      return li;
    }));
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

  const query = new URLSearchParams();
  if (config.zone) query.set("zone", config.zone);
  if (params.get("token")) query.set("token", params.get("token"));
  follow(`/api/v1/board/${encodeURIComponent(config.branch)}/events?${query}`, {
    onMessage: onBoard,
    onStatus,
  });
})();
