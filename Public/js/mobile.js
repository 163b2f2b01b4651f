// Mobile worker screen: attach the phone's position to status buttons when the worker allows it, and reload
// when the board says this team's status or assignment changed elsewhere (a new assignment arrives by itself).
(function () {
  "use strict";
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
  var delay = 1000;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/tableau/direct");
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type !== "board") { return; }
      var mine = message.board.teams.find(function (team) { return team.id === screen.dataset.teamId; });
      if (!mine) { return; }
      if (mine.status !== screen.dataset.status || (mine.currentRequestId || "") !== screen.dataset.requestId) {
        location.reload();
      }
    };
    socket.onclose = function () { setTimeout(connect, delay); delay = Math.min(delay * 2, 10000); };
  }
  connect();
})();
