// newsweave: highlight the cited passage a link landed on (#p-...).
// A passage cut by another one is several <mark data-p="..."> pieces; :target styles
// only the first, so this marks them all and brings the first into view.
(function () {
  "use strict";

  function anchor() {
    var hash = window.location.hash.slice(1);
    try {
      return decodeURIComponent(hash);
    } catch (error) {
      return hash;
    }
  }

  function highlight() {
    var old = document.querySelectorAll("mark.hl");
    for (var i = 0; i < old.length; i += 1) {
      old[i].classList.remove("hl");
    }
    var id = anchor();
    if (!id) {
      return;
    }
    var pieces = document.querySelectorAll("mark[data-p]");
    var first = null;
    for (var j = 0; j < pieces.length; j += 1) {
      if (pieces[j].getAttribute("data-p") === id) {
        pieces[j].classList.add("hl");
        first = first || pieces[j];
      }
    }
    if (first) {
      first.scrollIntoView({ block: "center" });
    }
  }

  window.addEventListener("hashchange", highlight);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
