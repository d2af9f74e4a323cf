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
})();
