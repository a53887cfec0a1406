/* Shared by the board and the ticket page: config, texts, a reconnecting socket, sizes.
   Plain ES2017, no build step, nothing loaded from elsewhere. */
"use strict";

window.DinTur = (function () {
  const config = JSON.parse(document.getElementById("config").textContent);

  /** The text for `key` with {placeholders} filled in; the key itself if it is missing. */
  function t(key, values) {
    const text = (config.texts && config.texts[key]) || key;
    return text.replace(/\{(\w+)\}/g, (m, name) =>
      values && name in values ? String(values[name]) : m);
  }

  /** Fill every element that has data-t="key" with its text. */
  function translate(root) {
    for (const el of (root || document).querySelectorAll("[data-t]")) {
      el.textContent = t(el.dataset.t);
    }
  }

  /** A wait as the server words it everywhere (shared/phrasing.py): the server sends which
      sentence and its numbers, the page only fills the template; "" without an estimate. */
  function waitText(words) {
    return words ? t(words.key, words.values) : "";
  }

  /**
   * A WebSocket that reconnects with backoff (0.5 s doubling to 15 s) until closed with a
   * code in `fatal`. onStatus("live" | "offline" | "refused", closeEvent). A `token` goes
   * as a subprotocol, never in the URL (URLs reach access logs).
   */
  function follow(path, { onMessage, onStatus, token = null, fatal = [4401, 4403, 4404] }) {
    const protocols = token ? ["dintur.v1", `bearer.${token}`] : [];
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    let delay = 500;
    let socket = null;
    let stopped = false;
    function open() {
      socket = new WebSocket(`${scheme}//${location.host}${path}`, protocols);
      socket.onopen = () => { delay = 500; };
      socket.onmessage = (e) => {
        let message;
        try { message = JSON.parse(e.data); } catch (err) { return; }
        onStatus("live");
        onMessage(message);
      };
      socket.onclose = (e) => {
        if (stopped) return;
        if (fatal.includes(e.code)) { onStatus("refused", e); return; }
        onStatus("offline", e);
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 15000);
      };
    }
    open();
    return { close() { stopped = true; if (socket) socket.close(); } };
  }

  /**
   * Font sizes in px for reading at `distanceM` on a screen of `inches` diagonal, from the
   * letters' cap height (same rule as display/sizing.py): body d/250, never below d/300,
   * calls d/160, the newest call d/100.
   */
  function fontSizes(width, height, inches = 55, distanceM = 8) {
    const pxPerMm = Math.hypot(width, height) / (inches * 25.4);
    const px = (capMm) => Math.ceil((capMm * pxPerMm) / 0.73);
    const d = distanceM * 1000;
    return { small: px(d / 250), min: px(d / 300), call: px(d / 160), hero: px(d / 100) };
  }

  /** Tell a watching test or benchmark (a Chrome DevTools binding) what is on screen. */
  function report(what) {
    if (typeof window.dinturShown === "function") window.dinturShown(JSON.stringify(what));
  }

  return { config, t, translate, waitText, follow, fontSizes, report };
})();
