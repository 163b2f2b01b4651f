// The work log's "use my position": the phone's position fills the hidden latitude and longitude (the place's grid
// cell counts toward repeat places); the officer still names the place in words.
(function () {
  "use strict";
  var button = document.getElementById("log-position");
  if (!button || !navigator.geolocation) { return; }
  var status = document.getElementById("log-position-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("log-lat").value = position.coords.latitude.toFixed(6);
      document.getElementById("log-lon").value = position.coords.longitude.toFixed(6);
      status.textContent = button.dataset.done;
    }, function () { status.textContent = ""; }, { timeout: 15000, maximumAge: 60000 });
  });
})();
