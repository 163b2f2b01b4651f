// Mobile worker screen: attach the phone's position to status buttons when the worker allows it, and reload
// when the board says this team's status or assignment changed elsewhere (a new assignment arrives by itself),
// unless a form of this screen is being sent. After an action the screen comes back where the worker was.
(function () {
  "use strict";
  // Kept for the answer to this screen's own form only: the same address, within ten seconds.
  var kept = "relais.mobile.scroll." + location.pathname;
  var saved = JSON.parse(window.sessionStorage.getItem(kept) || "null");
  window.sessionStorage.removeItem(kept);
  if (saved && Date.now() - saved.at < 10000) { window.scrollTo(0, saved.y); }
  document.addEventListener("submit", function () {
    window.sessionStorage.setItem(kept, JSON.stringify({ y: Math.round(window.scrollY), at: Date.now() }));
  });
  var screen = document.querySelector("[data-testid=mobile]");
  if (!screen || !screen.dataset.teamId) { return; }
  if (navigator.geolocation) {
    navigator.geolocation.getCurrentPosition(function (position) {
      document.querySelectorAll("input[name=latitude]").forEach(function (input) {
        input.value = position.coords.latitude.toFixed(6);
      });
      document.querySelectorAll("input[name=longitude]").forEach(function (input) {
        input.value = position.coords.longitude.toFixed(6);
      });
    }, function () {}, { maximumAge: 60000, timeout: 10000 });
  }
  // A form being sent already leads to a fresh screen: a reload now would race it and could win.
  var leaving = false;
  document.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("pageshow", function () { leaving = false; });
  window.RelaisLive.connect(function (board) {
    if (leaving) { return; }
    var mine = board.teams.find(function (team) { return team.id === screen.dataset.teamId; });
    if (!mine) { return; }
    if (mine.status !== screen.dataset.status || (mine.currentRequestId || "") !== screen.dataset.requestId) {
      location.reload();
    }
  });
})();
