// Intake form: the safety questions' instruction at once, the point from a suggestion, the map or typed coordinates,
// and the first problem focused after a refused submission.
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

  // The street map: a click (or a chosen suggestion) sets the point; typed coordinates move the marker. Under it,
  // which borough holds the point, or that none does (the river, another city) — before anything is saved.
  var latitude = document.getElementById("champ-latitude");
  var longitude = document.getElementById("champ-longitude");
  var address = document.getElementById("champ-address");
  var where = document.getElementById("place-where");
  var element = document.querySelector("[data-map]");
  var map = element && window.RelaisMap ? window.RelaisMap.create(element, { onPick: picked }) : null;

  function number(field) { return parseFloat(field.value.replace(",", ".")); }

  function say(territory, served) {
    if (!where) { return; }
    where.className = "place-where " + (territory ? (served ? "inside" : "unserved") : "outside");
    where.textContent = territory
      ? (served ? where.dataset.inside : where.dataset.unserved).replace("{0}", territory)
      : where.dataset.outside;
  }

  function locate() {
    var lat = number(latitude), lon = number(longitude);
    if (isNaN(lat) || isNaN(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) { if (where) { where.textContent = ""; } return; }
    fetch("/api/v1/territories/locate?latitude=" + lat + "&longitude=" + lon, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { if (body) { say(body.match && body.match.name, body.match && body.match.served); } })
      .catch(function () {});
  }

  function picked(lat, lon) {
    latitude.value = lat.toFixed(6);
    longitude.value = lon.toFixed(6);
    if (map) { map.setMarker(lat, lon, false); }
    locate();
  }

  function typed() {
    if (map) { map.setMarker(number(latitude), number(longitude), true); }
    locate();
  }

  if (address) {
    address.addEventListener("place-chosen", function (event) {
      if (map) { map.setMarker(event.detail.latitude, event.detail.longitude, true); }
      say(event.detail.territory, event.detail.served);
    });
  }
  if (latitude && longitude) {
    latitude.addEventListener("change", typed);
    longitude.addEventListener("change", typed);
    if (latitude.value && longitude.value) { typed(); }
  }
})();
