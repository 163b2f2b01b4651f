// Live board: one WebSocket; each message is the whole board. When the connection drops the board says so,
// reconnects, and the first message after reconnecting brings it up to date.
(function () {
  "use strict";
  var labels = JSON.parse(document.getElementById("board-labels").textContent);
  var connection = document.querySelector("[data-testid=board-connection]");
  var requestsBody = document.querySelector("[data-testid=board-requests]");
  var teamsBody = document.querySelector("[data-testid=board-teams]");
  var uncovered = document.querySelector("[data-testid=board-uncovered]");
  var board = document.querySelector("[data-testid=board]");
  var latest = null;
  var filter = document.querySelector("[data-testid=board-borough]");
  var mapElement = document.querySelector("[data-testid=board-map]");
  var map = mapElement && window.RelaisMap ? window.RelaisMap.create(mapElement, {}) : null;
  // Statuses in colour on the map, each also named in the lists and the legend.
  var colours = { waiting: "#b3261e", dispatched: "#0b5cad", assigned: "#0b5cad", en_route: "#0b5cad",
    on_scene: "#6a1b9a", escorting: "#6a1b9a", available: "#1e6b34", off_duty: "#5f6368" };
  if (filter) { filter.addEventListener("change", function () { if (latest) { render(latest); } }); }

  function label(key) { return labels[key] || key; }
  window.RelaisBoardLabel = label;
  window.RelaisBoardAlerts.ready();
  function minutesSince(iso) { return Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60000)); }
  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }
  function empty(body, columns, key) {
    var row = document.createElement("tr");
    var td = cell(row, label(key));
    td.colSpan = columns;
    body.appendChild(row);
  }

  function render(snapshot) {
    var borough = filter ? filter.value : "";
    snapshot = {
      alerts: snapshot.alerts, uncoveredBoroughs: snapshot.uncoveredBoroughs, generatedAt: snapshot.generatedAt,
      requests: snapshot.requests.filter(function (r) { return !borough || r.territoryCode === borough; }),
      teams: snapshot.teams.filter(function (t) { return !borough || t.boroughs.indexOf(borough) >= 0; })
    };
    if (map) {
      var points = snapshot.requests.map(function (r) {
        return { lat: r.latitude, lon: r.longitude, colour: colours[r.status] || "#b3261e", text: String(r.priority) };
      });
      snapshot.teams.forEach(function (t) {
        if (t.latitude !== null && t.latitude !== undefined) {
          points.push({ lat: t.latitude, lon: t.longitude, shape: "square", colour: colours[t.status] || "#5f6368",
            text: t.name.replace(/^Équipe /, "").charAt(0) });
        }
      });
      map.setPoints(points);
      mapElement.dataset.points = points.length;
    }
    var teams = {};
    snapshot.teams.forEach(function (team) { teams[team.id] = team; });
    requestsBody.replaceChildren();
    if (snapshot.requests.length === 0) { empty(requestsBody, 6, "mediation.board.no_requests"); }
    snapshot.requests.forEach(function (request) {
      var row = document.createElement("tr");
      row.dataset.requestId = request.id;
      row.dataset.status = request.status;
      row.className = "priority-" + request.priority + " status-" + request.status;
      cell(row, label("mediation.priority." + request.priority), "priority");
      var situation = cell(row, "");
      var link = document.createElement("a");
      link.href = "/demandes/" + request.id;
      link.textContent = label("mediation.situation." + request.situation);
      situation.appendChild(link);
      cell(row, request.territoryName || "—");
      cell(row, minutesSince(request.receivedAt) + " " + label("mediation.board.minutes"));
      cell(row, label("mediation.request_status." + request.status), "status");
      cell(row, request.teamId && teams[request.teamId] ? teams[request.teamId].name : "—");
      requestsBody.appendChild(row);
    });
    teamsBody.replaceChildren();
    if (snapshot.teams.length === 0) { empty(teamsBody, 4, "mediation.board.no_teams"); }
    snapshot.teams.forEach(function (team) {
      var row = document.createElement("tr");
      row.dataset.teamId = team.id;
      row.dataset.status = team.status;
      row.className = "team-" + team.status;
      cell(row, team.name + " · " + team.vehicle);
      cell(row, label("mediation.team_status." + team.status), "status");
      cell(row, minutesSince(team.statusChangedAt) + " " + label("mediation.board.minutes"));
      cell(row, team.boroughs.join(", ") || "—");
      teamsBody.appendChild(row);
    });
    window.RelaisBoardAlerts.render(snapshot, label, requestsBody);
    if (snapshot.uncoveredBoroughs.length > 0) {
      uncovered.textContent = label("mediation.board.uncovered") + " " + snapshot.uncoveredBoroughs.join(", ");
      uncovered.hidden = false;
    } else {
      uncovered.hidden = true;
    }
  }

  function setState(state) {
    connection.dataset.state = state;
    connection.textContent = label(state === "live" ? "mediation.board.live" : "mediation.board.offline");
    board.classList.toggle("offline", state !== "live");
  }

  setInterval(function () { if (latest) { render(latest); } }, 30000);
  window.RelaisLive.connect(function (snapshot, sequence) {
    latest = snapshot;
    board.dataset.sequence = sequence;
    render(latest);
  }, setState);
})();
