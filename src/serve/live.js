// cairn serve: live reload and the error overlay (dismissed with its
// button or Escape until the next failing build). Injected into pages by
// the dev server only; never part of a built site.
(function () {
  "use strict";
  var me = document.currentScript;
  var events = me.getAttribute("data-events");
  var generation = Number(me.getAttribute("data-generation"));
  var key = "cairn-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }
  var source = null;

  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }

  // The failed build whose overlay was dismissed: it stays away on every
  // page of this tab until a newer build fails.
  var dismissedKey = "cairn-dismissed";
  var before = null;

  function dismiss() {
    var box = document.getElementById("cairn-overlay");
    if (!box) return;
    sessionStorage.setItem(dismissedKey, box.getAttribute("data-failure"));
    box.remove();
    if (before && before.focus) before.focus();
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.getElementById("cairn-overlay")) {
      e.preventDefault();
      dismiss();
    }
  });

  function overlay(text, failure) {
    var box = document.getElementById("cairn-overlay");
    if (!text || sessionStorage.getItem(dismissedKey) === String(failure)) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      before = document.activeElement;
      box = document.createElement("div");
      box.id = "cairn-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,23,29,.94);color:#f3f4f6;padding:2rem;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
      var head = document.createElement("div");
      head.style.cssText = "display:flex;gap:1rem;align-items:flex-start;justify-content:space-between;margin:0 0 1rem";
      var title = document.createElement("p");
      title.style.cssText = "font-weight:bold;color:#ff8f8f;margin:0";
      title.textContent = generation > 0
        ? "cairn: the last save has errors. This page shows the last good build."
        : "cairn: the portal has errors, so there is nothing to show yet.";
      var close = document.createElement("button");
      close.type = "button";
      close.id = "cairn-overlay-close";
      close.textContent = "Dismiss (Esc)";
      // The visible text is the whole name (a longer aria-label would not
      // match what speech users read on the button).
      close.title = "The errors come back on the next failing save";
      close.style.cssText = "flex:none;font:inherit;color:#14171d;background:#f3f4f6;border:2px solid #f3f4f6;border-radius:4px;padding:.25rem .75rem;cursor:pointer;outline-offset:3px";
      close.addEventListener("click", dismiss);
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      head.appendChild(title);
      head.appendChild(close);
      box.appendChild(head);
      box.appendChild(pre);
      document.body.appendChild(box);
      close.focus({ preventScroll: true });
    }
    box.setAttribute("data-failure", String(failure));
    box.querySelector("pre").textContent = text;
  }

  function connect() {
    if (source) return;
    source = new EventSource(events);
    source.addEventListener("state", function (e) {
      var state = JSON.parse(e.data);
      if (state.generation !== generation) return reload();
      overlay(state.errors, state.failure);
    });
  }

  // Browsers allow few connections per host: hidden tabs let go of theirs.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (source) source.close();
      source = null;
    } else {
      connect();
    }
  });
  if (!document.hidden) connect();
})();
