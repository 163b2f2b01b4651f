// The ÉSUP team's queue shows each request as soon as it is saved: the screen asks for the queue newer than the
// version it shows, and the server answers when there is one (or after a while, with the same). The queue is
// replaced in place, without reloading the page or losing what is being typed.
(function () {
  "use strict";
  var box = document.getElementById("esup-queue");
  if (!box || !window.fetch) { return; }
  var version = null;
  function next(delay) { setTimeout(poll, delay); }
  function poll() {
    var url = box.getAttribute("data-live") + (version === null ? "" : "?apres=" + version);
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        var seen = response.headers.get("X-Queue-Version");
        return response.text().then(function (html) {
          if (version === null || seen !== String(version)) { box.innerHTML = html; }
          version = seen === null ? version : Number(seen);
          next(0);
        });
      })
      .catch(function () { next(5000); });
  }
  poll();
})();
