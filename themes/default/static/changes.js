// "Since your last visit": marks entries whose data-changed date is after
// the reader's previous visit. The dates stay in this browser
// (localStorage); nothing is sent anywhere. Without JavaScript nothing is
// marked and nothing breaks.
(function () {
  try {
    var key = "cairn-last-visit";
    var since = sessionStorage.getItem(key);
    if (since === null) {
      since = localStorage.getItem(key) || "";
      sessionStorage.setItem(key, since);
    }
    localStorage.setItem(key, new Date().toISOString().slice(0, 10));
    if (!since) return;
    var marked = document.querySelectorAll("[data-changed]");
    for (var i = 0; i < marked.length; i++) {
      var el = marked[i];
      if (el.getAttribute("data-changed") > since) {
        el.classList.add("changed-since");
        var badge = document.createElement("span");
        badge.className = "badge since-badge";
        badge.textContent = "new since your last visit";
        el.appendChild(document.createTextNode(" "));
        el.appendChild(badge);
      }
    }
  } catch (e) {
    // Storage refused (private mode): mark nothing.
  }
})();
