// "Who is my RÉSO officer?": the phone's position or a point picked on the map goes to /reso/ou?lat=&lon=, which
// answers with the sector's card; choosing an address among the suggestions does the same.
(function () {
  "use strict";
  var form = document.querySelector("[data-testid=find-form]");
  if (!form) { return; }
  var status = document.getElementById("position-status");

  function go(lat, lon) {
    window.location.href = "/reso/ou?lat=" + lat.toFixed(6) + "&lon=" + lon.toFixed(6);
  }

  var button = document.getElementById("my-position");
  if (button && navigator.geolocation) {
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "…";
      navigator.geolocation.getCurrentPosition(function (position) {
        go(position.coords.latitude, position.coords.longitude);
      }, function () { status.textContent = button.dataset.denied; }, { timeout: 15000, maximumAge: 60000 });
    });
  }

  form.addEventListener("place-chosen", function (event) { go(event.detail.latitude, event.detail.longitude); });

  var element = document.getElementById("reso-map");
  if (element && window.RelaisMap) {
    window.RelaisMap.create(element, { onPick: function (lat, lon) { go(lat, lon); } });
  }
})();
