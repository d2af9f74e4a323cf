// plein: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Keep the #fragment when switching editions, so a reader stays at the same commitment.
  document.querySelectorAll(".editions a[hreflang]").forEach(function (link) {
    link.addEventListener("click", function () {
      if (location.hash && link.href.indexOf("#") === -1) {
        link.href = link.href + location.hash;
      }
    });
  });

  // Phone header: the search link becomes a button that shows the search form in place. It says
  // whether the form is shown (aria-expanded), moves focus into the field when it opens, and
  // Escape closes it again with focus back on the button.
  var link = document.querySelector("a.search-toggle");
  var search = document.getElementById("site-search");
  var field = document.getElementById("q");
  if (!link || !search || !field) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "search-toggle";
  button.textContent = link.textContent;
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "site-search");
  link.replaceWith(button);
  function show(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    search.classList.toggle("open", open);
  }
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    show(open);
    if (open) field.focus();
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" && getComputedStyle(button).display !== "none") {
      show(false);
      button.focus();
    }
  });
})();
