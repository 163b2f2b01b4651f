// The board's alerts: a worker's call for backup shows at the top of every open board, with a repeating alarm,
// until a dispatcher takes it in hand (the button posts the acknowledgement); a new waiting request gives one short
// tone and its row is marked. The sound can be muted (remembered on this screen); the text and colour remain.
(function () {
  "use strict";
  var region = document.querySelector("[data-testid=board-alerts]");
  var mute = document.querySelector("[data-testid=board-mute]");
  var audio = null, alarm = null, seen = null, muted = window.localStorage.getItem("relais.board.muted") === "1";

  function tone(frequency, seconds) {
    if (muted) { return; }
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var oscillator = audio.createOscillator(), gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + seconds);
    } catch (error) { /* no sound on this screen: the text and colour still say it */ }
  }

  function showMute() {
    mute.setAttribute("aria-pressed", muted ? "true" : "false");
    mute.textContent = window.RelaisBoardLabel(muted ? "mediation.board.unmute" : "mediation.board.mute");
  }

  mute.addEventListener("click", function () {
    muted = !muted;
    window.localStorage.setItem("relais.board.muted", muted ? "1" : "0");
    showMute();
  });

  function renderAlerts(alerts, label) {
    region.replaceChildren();
    alerts.forEach(function (alert) {
      var box = document.createElement("form");
      box.method = "post";
      box.action = "/tableau/renforts/" + alert.id + "/acquittement";
      box.className = "backup-alert";
      box.dataset.alertId = alert.id;
      var token = document.createElement("input");
      token.type = "hidden";
      token.name = "_csrf";
      token.value = region.dataset.csrf;
      var text = document.createElement("p");
      var time = new Date(alert.raisedAt);
      text.textContent = label("mediation.board.backup_from") + " " + alert.teamName + " · " +
        time.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
      var button = document.createElement("button");
      button.type = "submit";
      button.className = "primary";
      button.textContent = label("mediation.board.acknowledge");
      box.append(token, text, button);
      region.appendChild(box);
    });
    region.dataset.count = alerts.length;
    document.body.classList.toggle("alarm", alerts.length > 0);
    if (alerts.length > 0 && !alarm) {
      tone(880, 0.4);
      alarm = window.setInterval(function () { tone(880, 0.4); }, 1500);
    } else if (alerts.length === 0 && alarm) {
      window.clearInterval(alarm);
      alarm = null;
    }
  }

  /// Marks the rows of waiting requests not seen before (none on the first message) and sounds once for them.
  function markNew(snapshot, body) {
    var waiting = snapshot.requests.filter(function (r) { return r.status === "waiting"; }).map(function (r) { return r.id; });
    var fresh = seen ? waiting.filter(function (id) { return !seen[id]; }) : [];
    seen = seen || {};
    waiting.forEach(function (id) { seen[id] = true; });
    fresh.forEach(function (id) {
      var row = body.querySelector("[data-request-id='" + id + "']");
      if (row) { row.classList.add("new"); }
    });
    if (fresh.length > 0) { tone(660, 0.25); }
  }

  window.RelaisBoardAlerts = {
    render: function (snapshot, label, body) {
      renderAlerts(snapshot.alerts || [], label);
      markNew(snapshot, body);
    },
    ready: showMute
  };
})();
