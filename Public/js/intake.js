// Intake form: pick the point on the borough map, and move to the first problem after a refused submission.
(function () {
  "use strict";
  var problems = document.getElementById("problems");
  if (problems) { problems.focus(); }

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
