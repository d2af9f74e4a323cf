// plein: search with the edition's Pagefind bundle, on the search page only.
// Without JavaScript (or without a bundle) the page keeps its list of all pages, and the
// search form in the header still leads here. All texts come from data-* attributes that the
// template fills from the edition's Fluent messages.
(function () {
  "use strict";
  var box = document.getElementById("search-results");
  if (!box) return;
  var status = box.querySelector(".search-status");
  var list = box.querySelector(".search-list");
  var input = document.getElementById("q");
  // Every result costs one download (its fragment): load a few, and more on request.
  var PAGE = 5;
  var query = (new URLSearchParams(location.search).get("q") || "").trim().slice(0, 200);
  if (input && query) input.value = query;
  if (!query) return;

  box.hidden = false;
  status.textContent = box.dataset.loading;

  function countText(n) {
    if (n === 0) return box.dataset.countZero;
    if (n === 1) return box.dataset.countOne;
    return box.dataset.countOther.replace("{count}", String(n));
  }

  // Copies Pagefind's excerpt (HTML with <mark>) as text nodes and <mark> elements only.
  function excerptInto(parent, html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 3) {
        parent.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(node.textContent || ""));
      }
    });
  }

  // Commitments are <li id="wonen-3" class="commitment">; Pagefind keeps every element with an
  // id as an anchor with its word position. A match lies in a commitment when it falls between
  // that anchor and the next one.
  function matchedCommitments(data) {
    var anchors = (data.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var words = (data.raw_content || data.content || "").split(/\s+/);
    var found = [];
    (data.locations || []).forEach(function (loc) {
      for (var i = anchors.length - 1; i >= 0; i--) {
        if (anchors[i].location <= loc) {
          var a = anchors[i];
          if (a.element === "li" && /-\d+$/.test(a.id) && found.every(function (f) { return f.id !== a.id; })) {
            var end = i + 1 < anchors.length ? anchors[i + 1].location : words.length;
            found.push({ id: a.id, words: words.slice(a.location, Math.min(end, a.location + 40)), more: end > a.location + 40, hits: [] });
          }
          var hit = found.filter(function (f) { return f.id === a.id; })[0];
          if (hit) hit.hits.push(loc - a.location);
          return;
        }
      }
    });
    return found.slice(0, 3);
  }

  function commitmentItem(url, c) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = url.split("#")[0] + "#" + c.id;
    var label = document.createElement("span");
    label.className = "search-commitment-label";
    label.textContent = box.dataset.commitment + " ";
    link.appendChild(label);
    c.words.forEach(function (w, i) {
      if (i > 0) link.appendChild(document.createTextNode(" "));
      if (c.hits.indexOf(i) !== -1) {
        var mark = document.createElement("mark");
        mark.textContent = w;
        link.appendChild(mark);
      } else {
        link.appendChild(document.createTextNode(w));
      }
    });
    if (c.more) link.appendChild(document.createTextNode(" …"));
    li.appendChild(link);
    return li;
  }

  function resultItem(data) {
    var li = document.createElement("li");
    li.className = "search-result";
    var title = document.createElement("h3");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    title.appendChild(link);
    li.appendChild(title);
    var excerpt = document.createElement("p");
    excerptInto(excerpt, data.excerpt || "");
    li.appendChild(excerpt);
    var commitments = matchedCommitments(data);
    var subs = commitments.length ? [] : (data.sub_results || []).filter(function (s) { return s.url !== data.url && s.url.indexOf("#") !== -1; }).slice(0, 2);
    if (commitments.length || subs.length) {
      var ul = document.createElement("ul");
      ul.className = "search-sub";
      commitments.forEach(function (c) { ul.appendChild(commitmentItem(data.url, c)); });
      subs.forEach(function (s) {
        var item = document.createElement("li");
        var a = document.createElement("a");
        a.href = s.url;
        a.textContent = s.title;
        item.appendChild(a);
        ul.appendChild(item);
      });
      li.appendChild(ul);
    }
    return li;
  }

  function fail() {
    status.textContent = box.dataset.unavailable;
  }

  var bundle = box.dataset.bundle;
  import(bundle + "pagefind.js")
    .then(function (pagefind) {
      return pagefind.options({ baseUrl: box.dataset.base || "/", excerptLength: 24, noWorker: true }).then(function () {
        return pagefind.search(query);
      });
    })
    .then(function (search) {
      if (!search || !search.results) return fail();
      var results = search.results;
      var shown = 0;
      var more = null;
      function showNext() {
        var batch = results.slice(shown, shown + PAGE);
        return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
          var first = null;
          datas.forEach(function (data) {
            var item = resultItem(data);
            first = first || item;
            list.appendChild(item);
          });
          shown += batch.length;
          if (more) more.remove();
          more = null;
          if (shown < results.length) {
            more = document.createElement("button");
            more.type = "button";
            more.className = "search-more";
            more.textContent = box.dataset.more;
            more.addEventListener("click", function () {
              showNext().then(function (firstNew) {
                // Keyboard users continue at the first new result.
                var a = firstNew && firstNew.querySelector("a");
                if (a) a.focus();
              });
            });
            box.appendChild(more);
          }
          return first;
        });
      }
      return showNext().then(function () {
        status.textContent = countText(results.length);
      });
    })
    .catch(fail);
})();
