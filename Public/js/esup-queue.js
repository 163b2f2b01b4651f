// The ÉSUP team's queue refreshes itself: every few seconds the screen fetches the queue alone and replaces it
// when it changed (a request arrived, a duo took one), without reloading the page or losing what is being typed.
(function () {
  "use strict";
  var box = document.getElementById("esup-queue");
  if (!box || !window.fetch) { return; }
  var last = box.innerHTML;
  function refresh() {
    if (document.hidden) { return; }
    fetch(box.getAttribute("data-live"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null && html !== last) { box.innerHTML = html; last = html; }
      })
      .catch(function () {});
  }
  setInterval(refresh, 3000);
  document.addEventListener("visibilitychange", refresh);
})();
