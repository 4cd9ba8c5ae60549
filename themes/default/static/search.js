// cairn search: a progressive enhancement. Without JavaScript the form
// stays hidden and the portal is navigated by its links. The index is
// loaded on first use, one small script per two-letter word prefix.
(function () {
  "use strict";
  var form = document.querySelector("form[role=search]");
  if (!form) return;
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var root = form.getAttribute("data-root") || "";
  var docs = null;
  var shards = {};
  var waiting = {};
  var timer = null;

  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = results.querySelector("a");
    if (first) first.click();
  });

  window.cairnSearch = {
    docs: function (list) {
      docs = list;
      run();
    },
    // A word's pages come as gaps from the page before: add them up.
    shard: function (key, words) {
      for (var word in words) {
        var pages = words[word];
        for (var i = 1; i < pages.length; i++) pages[i] += pages[i - 1];
      }
      shards[key] = words;
      delete waiting[key];
      run();
    }
  };

  function load(path) {
    var s = document.createElement("script");
    s.src = root + path;
    s.async = true;
    document.head.appendChild(s);
  }

  function shardOf(word) {
    var key = Array.from(word).slice(0, 2).join("");
    var bytes = new TextEncoder().encode(key);
    var hex = "";
    for (var i = 0; i < bytes.length; i++) hex += bytes[i].toString(16).padStart(2, "0");
    return hex;
  }

  function terms() {
    return input.value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return Array.from(w).length >= 2;
    });
  }

  function start() {
    if (docs === null && !waiting.docs) {
      waiting.docs = true;
      load("search/docs.js");
    }
  }

  // Documents matching every term (as a word prefix), title matches first.
  function search(words) {
    var hits = null;
    for (var t = 0; t < words.length; t++) {
      var w = words[t];
      var shard = shards[shardOf(w)];
      var found = {};
      if (shard) {
        for (var word in shard) {
          if (word.lastIndexOf(w, 0) === 0) {
            var ids = shard[word];
            for (var k = 0; k < ids.length; k++) found[ids[k]] = true;
          }
        }
      }
      if (hits === null) {
        hits = found;
      } else {
        for (var id in hits) if (!found[id]) delete hits[id];
      }
    }
    var list = Object.keys(hits || {}).map(Number);
    var q = input.value.toLowerCase().trim();
    list.sort(function (a, b) {
      var ta = docs[a][0].toLowerCase().indexOf(q) >= 0 ? 0 : 1;
      var tb = docs[b][0].toLowerCase().indexOf(q) >= 0 ? 0 : 1;
      return ta - tb || docs[a][0].localeCompare(docs[b][0]);
    });
    return list;
  }

  function run() {
    var words = terms();
    results.textContent = "";
    if (words.length === 0) {
      results.hidden = true;
      status.textContent = "";
      return;
    }
    if (docs === null) return start();
    var missing = false;
    words.forEach(function (w) {
      var key = shardOf(w);
      if (!(key in shards)) {
        missing = true;
        if (!waiting[key]) {
          waiting[key] = true;
          load("search/" + key + ".js");
          // A prefix no page contains has no shard: treat as empty.
          setTimeout(function () {
            if (!(key in shards)) {
              shards[key] = {};
              run();
            }
          }, 1500);
        }
      }
    });
    if (missing) return;
    var list = search(words);
    var ul = document.createElement("ul");
    list.slice(0, 20).forEach(function (n) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + docs[n][1];
      a.textContent = docs[n][0];
      var kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = " " + docs[n][2];
      li.appendChild(a);
      li.appendChild(kind);
      ul.appendChild(li);
    });
    if (list.length === 0) {
      var p = document.createElement("p");
      p.textContent = "Nothing found.";
      results.appendChild(p);
    } else {
      results.appendChild(ul);
    }
    status.textContent = list.length + (list.length === 1 ? " result" : " results");
    results.hidden = false;
  }

  input.addEventListener("focus", start);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 80);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      input.value = "";
      run();
    }
  });
  // Browsers allow few connections per host; hidden tabs need none.
})();
