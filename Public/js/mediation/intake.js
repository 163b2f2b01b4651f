// Intake form: pick the point on the borough map, and move to the first problem after a refused submission.
(function () {
  "use strict";
  var problems = document.getElementById("problems");
  if (problems) { problems.focus(); }

  // A "yes" to a safety question says at once where the call goes (911, or the police), before anything is saved.
  var alerts = { call_911: document.getElementById("screening-911"), police: document.getElementById("screening-police") };
  function screen() {
    var shown = null;
    document.querySelectorAll(".screening input[type=radio][value=true]:checked").forEach(function (yes) {
      if (yes.dataset.outcome === "call_911" || (!shown && yes.dataset.outcome === "police")) { shown = yes.dataset.outcome; }
    });
    Object.keys(alerts).forEach(function (outcome) {
      if (alerts[outcome]) { alerts[outcome].hidden = outcome !== shown; }
    });
  }
  document.querySelectorAll(".screening input[type=radio]").forEach(function (radio) {
    radio.addEventListener("change", screen);
  });
  screen();

  var map = document.querySelector("svg.pick-map");
  var latitude = document.getElementById("champ-latitude");
  var longitude = document.getElementById("champ-longitude");
  if (!map || !latitude || !longitude) { return; }
  var west = parseFloat(map.dataset.west), north = parseFloat(map.dataset.north);
  var xScale = parseFloat(map.dataset.xScale), yScale = parseFloat(map.dataset.yScale);
  var marker = map.querySelector("circle.picked");

  function show() {
    var lat = parseFloat(latitude.value.replace(",", ".")), lon = parseFloat(longitude.value.replace(",", "."));
    if (isNaN(lat) || isNaN(lon)) { return; }
    marker.setAttribute("cx", ((lon - west) * xScale).toFixed(1));
    marker.setAttribute("cy", ((north - lat) * yScale).toFixed(1));
  }

  map.addEventListener("click", function (event) {
    var point = map.createSVGPoint();
    point.x = event.clientX; point.y = event.clientY;
    var local = point.matrixTransform(map.getScreenCTM().inverse());
    latitude.value = (north - local.y / yScale).toFixed(6);
    longitude.value = (west + local.x / xScale).toFixed(6);
    show();
  });
  latitude.addEventListener("input", show);
  longitude.addEventListener("input", show);
  show();
})();
