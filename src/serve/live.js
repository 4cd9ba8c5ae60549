// cairn serve: live reload and the error overlay. Injected into pages by
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

  function overlay(text) {
    var box = document.getElementById("cairn-overlay");
    if (!text) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "cairn-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,23,29,.94);color:#f3f4f6;padding:2rem;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
      var title = document.createElement("p");
      title.style.cssText = "font-weight:bold;color:#ff8f8f;margin:0 0 1rem";
      title.textContent = "cairn: the last save has errors. This page shows the last good build.";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = text;
  }

  function connect() {
    if (source) return;
    source = new EventSource(events);
    source.addEventListener("state", function (e) {
      var state = JSON.parse(e.data);
      if (state.generation !== generation) return reload();
      overlay(state.errors);
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
