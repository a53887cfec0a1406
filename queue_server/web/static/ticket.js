/* The citizen's ticket page: the ticket as it is now, pushed by the server on every change;
   "It's your turn: go to Counter 5" when called; cancel while waiting. */
"use strict";

(function () {
  const { config, t, translate, waitText, follow, report } = window.DinTur;
  const $ = (id) => document.getElementById(id);
  const token = config.token;
  const baseTitle = document.title;
  let ticket = config.ticket;
  let wait = config.wait;  // the server's words for the wait (shared/phrasing.py)
  let lastCall = null;

  const service = (id) => config.services[id] || id;
  const counter = (id) => config.counters[id] || id || "";
  const FINAL = { done: "page.done", no_show: "page.no_show", cancelled: "page.cancelled",
                  expired: "page.expired" };

  function render() {
    const state = ticket.state;
    $("branch").textContent = config.branch;
    $("number").textContent = ticket.number;
    $("service").textContent = service(ticket.service);

    const waiting = state === "waiting";
    $("waiting").hidden = !waiting;
    if (waiting) {
      const ahead = ticket.people_ahead;
      $("ahead").textContent = ahead === 0 ? t("page.next") : (ahead === null || ahead === undefined ? "–" : String(ahead));
      const words = ticket.estimated_wait ? waitText(wait) : "";
      $("wait-row").hidden = !words;
      $("wait").textContent = words;
    }
    $("moved").hidden = !(waiting && ticket.transferred_from);
    $("moved").textContent = ticket.for_counter
      ? t("page.moved_counter", { counter: counter(ticket.for_counter) })
      : t("page.moved", { service: service(ticket.service) });

    const atCounter = state === "called" || state === "serving";
    $("turn").hidden = !atCounter;
    if (atCounter) {
      const key = state === "serving" ? "page.serving"
        : ticket.recalls > 0 ? "page.recalled" : "page.your_turn";
      $("turn-text").textContent = t(key, { counter: counter(ticket.counter) });
    }
    const callKey = state === "called" ? `${ticket.id}:${ticket.recalls}` : null;
    if (callKey && callKey !== lastCall) {
      $("turn").classList.remove("pulse");
      void $("turn").offsetWidth;
      $("turn").classList.add("pulse");
      if (navigator.vibrate) navigator.vibrate([300, 150, 300]);
    }
    lastCall = callKey;
    document.title = state === "called" ? `▶ ${$("turn-text").textContent}` : baseTitle;

    const final = FINAL[state];
    $("final").hidden = !final;
    if (final) $("final").textContent = t(final);

    $("cancel-box").hidden = !waiting;
    if (!waiting) $("confirm").hidden = true;
    $("cancel").hidden = !$("confirm").hidden;
    report({ state, number: ticket.number, counter: ticket.counter });
  }

  async function cancel() {
    $("cancel-error").hidden = true;
    $("cancel-yes").disabled = true;
    try {
      const r = await fetch(`/api/v1/status/${encodeURIComponent(token)}/cancel`, { method: "POST" });
      if (r.ok) {
        ticket = await r.json();
      } else {
        $("cancel-error").textContent = t("page.cancel_failed");
        $("cancel-error").hidden = false;
        const now = await fetch(`/api/v1/status/${encodeURIComponent(token)}`);
        if (now.ok) ticket = await now.json();
      }
    } catch (err) {
      $("cancel-error").textContent = t("page.cancel_failed");
      $("cancel-error").hidden = false;
    } finally {
      $("cancel-yes").disabled = false;
      $("confirm").hidden = true;
      render();
    }
  }

  function onStatus(status) {
    const live = $("live");
    live.hidden = status === "refused";
    live.className = status === "offline" ? "live offline" : "live";
    live.textContent = t(status === "offline" ? "page.offline" : "page.live");
  }

  translate();
  $("cancel").addEventListener("click", () => {
    $("confirm").hidden = false;
    $("cancel").hidden = true;
    $("cancel-yes").focus();
  });
  $("cancel-no").addEventListener("click", () => {
    $("confirm").hidden = true;
    $("cancel").hidden = false;
  });
  $("cancel-yes").addEventListener("click", cancel);
  onStatus("live");
  render();
  follow(`/api/v1/status/${encodeURIComponent(token)}/events`, {
    onMessage(message) {
      if (message.type !== "ticket") return;
      ticket = message.ticket;
      wait = message.wait;
      render();
    },
    onStatus,
  });
})();
