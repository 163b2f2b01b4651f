// A street-level map without any outside script: tiles from the deployment's tile server when one is configured,
// otherwise the base map Relais has (territories, imported street lines, metro stations and landmarks), drawn on a
// canvas in Web Mercator. Pan by dragging (mouse, touch or pen) or with the arrow keys; zoom with the wheel, a pinch,
// the + and − buttons or keys. RelaisMap.create(element, options) returns { setMarker, setPoints, center }.
(function () {
  "use strict";
  var TILE = 256, MIN_ZOOM = 10, MAX_ZOOM = 19;
  var baseMaps = {};

  function project(lon, lat, zoom) {
    var scale = TILE * Math.pow(2, zoom);
    var sin = Math.sin(lat * Math.PI / 180);
    return { x: (lon + 180) / 360 * scale, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale };
  }

  function unproject(x, y, zoom) {
    var scale = TILE * Math.pow(2, zoom);
    var lon = x / scale * 360 - 180;
    var n = Math.PI - 2 * Math.PI * y / scale;
    return { lon: lon, lat: 180 / Math.PI * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n))) };
  }

  function loadBase(url) {
    if (!baseMaps[url]) {
      baseMaps[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error("base map " + response.status); }
        return response.json();
      });
    }
    return baseMaps[url];
  }

  function create(element, options) {
    options = options || {};
    var canvas = document.createElement("canvas");
    canvas.setAttribute("aria-hidden", "true");
    element.insertBefore(canvas, element.firstChild);
    var context = canvas.getContext("2d");
    var state = {
      lat: parseFloat(element.dataset.lat) || 45.515, lon: parseFloat(element.dataset.lon) || -73.57,
      zoom: parseFloat(element.dataset.zoom) || 13, base: null, tiles: {}, marker: null, points: []
    };
    var pointers = {}, drag = null, pinch = null, moved = false;

    function size() {
      var rect = element.getBoundingClientRect();
      var ratio = window.devicePixelRatio || 1;
      canvas.width = Math.max(1, Math.round(rect.width * ratio));
      canvas.height = Math.max(1, Math.round(rect.height * ratio));
      canvas.style.width = rect.width + "px";
      canvas.style.height = rect.height + "px";
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      return rect;
    }

    // Screen position (CSS pixels) of a longitude and latitude.
    function toScreen(lon, lat, rect) {
      var centre = project(state.lon, state.lat, state.zoom), point = project(lon, lat, state.zoom);
      return { x: point.x - centre.x + rect.width / 2, y: point.y - centre.y + rect.height / 2 };
    }

    function toLonLat(x, y, rect) {
      var centre = project(state.lon, state.lat, state.zoom);
      return unproject(centre.x + x - rect.width / 2, centre.y + y - rect.height / 2, state.zoom);
    }

    function drawTiles(rect) {
      var template = state.base && state.base.tiles;
      if (!template) { return; }
      var z = Math.min(MAX_ZOOM, Math.floor(state.zoom)), factor = Math.pow(2, state.zoom - z);
      var centre = project(state.lon, state.lat, z);
      var left = centre.x - rect.width / 2 / factor, top = centre.y - rect.height / 2 / factor;
      var count = Math.pow(2, z);
      for (var tx = Math.floor(left / TILE); tx * TILE < left + rect.width / factor; tx++) {
        for (var ty = Math.max(0, Math.floor(top / TILE)); ty * TILE < top + rect.height / factor && ty < count; ty++) {
          var wrapped = ((tx % count) + count) % count;
          var key = z + "/" + wrapped + "/" + ty, image = state.tiles[key];
          if (!image) {
            image = new Image();
            image.onload = draw;
            image.src = template.replace("{z}", z).replace("{x}", wrapped).replace("{y}", ty);
            state.tiles[key] = image;
          }
          if (image.complete && image.naturalWidth) {
            context.drawImage(image, (tx * TILE - left) * factor, (ty * TILE - top) * factor, TILE * factor + 0.5,
              TILE * factor + 0.5);
          }
        }
      }
    }

    function path(coordinates, rect) {
      coordinates.forEach(function (position, index) {
        var p = toScreen(position[0], position[1], rect);
        if (index === 0) { context.moveTo(p.x, p.y); } else { context.lineTo(p.x, p.y); }
      });
    }

    function drawBase(rect) {
      var base = state.base;
      if (!base || base.tiles) { return; }
      context.lineJoin = "round";
      base.territories.forEach(function (area) {
        context.beginPath();
        area.rings.forEach(function (ring) { path(ring, rect); context.closePath(); });
        context.fillStyle = area.served ? "#eef3f8" : "#f3f1ec";
        context.fill("evenodd");
        context.strokeStyle = "#6b85a3";
        context.lineWidth = 1.5;
        context.stroke();
      });
      var width = Math.max(1, (state.zoom - 12) * 1.6);
      context.strokeStyle = "#b9c0c8";
      context.lineWidth = width + 2;
      base.streets.forEach(function (street) { context.beginPath(); path(street.line, rect); context.stroke(); });
      context.strokeStyle = "#ffffff";
      context.lineWidth = width;
      base.streets.forEach(function (street) { context.beginPath(); path(street.line, rect); context.stroke(); });
      if (state.zoom >= 16) {
        context.fillStyle = "#4a5563";
        context.font = "11px system-ui, sans-serif";
        context.textAlign = "center";
        var labelled = {};
        base.streets.forEach(function (street) {
          var middle = street.line[Math.floor(street.line.length / 2)];
          var p = toScreen(middle[0], middle[1], rect), key = street.name + Math.round(p.x / 150) + Math.round(p.y / 150);
          if (labelled[key] || p.x < 0 || p.y < 0 || p.x > rect.width || p.y > rect.height) { return; }
          labelled[key] = true;
          context.fillText(street.name, p.x, p.y - 4);
        });
      }
      base.places.forEach(function (place) {
        var p = toScreen(place.point[0], place.point[1], rect);
        if (p.x < -20 || p.y < -20 || p.x > rect.width + 20 || p.y > rect.height + 20) { return; }
        if (place.kind === "metro") {
          context.fillStyle = "#005a9c";
          context.fillRect(p.x - 7, p.y - 7, 14, 14);
          context.fillStyle = "#ffffff";
          context.font = "bold 11px system-ui, sans-serif";
          context.textAlign = "center";
          context.fillText("M", p.x, p.y + 4);
          if (state.zoom >= 14) {
            context.fillStyle = "#003f6e";
            context.textAlign = "left";
            context.fillText(place.name.replace(/^Station /, ""), p.x + 10, p.y + 4);
          }
        } else if (state.zoom >= 16) {
          context.fillStyle = "#7a5a00";
          context.beginPath();
          context.arc(p.x, p.y, 3, 0, 2 * Math.PI);
          context.fill();
        }
      });
    }

    function drawPoints(rect) {
      state.points.forEach(function (point) {
        var p = toScreen(point.lon, point.lat, rect);
        context.beginPath();
        if (point.shape === "square") { context.rect(p.x - 9, p.y - 9, 18, 18); } else { context.arc(p.x, p.y, 10, 0, 2 * Math.PI); }
        context.fillStyle = point.colour || "#b3261e";
        context.fill();
        context.lineWidth = 3;
        context.strokeStyle = "#ffffff";
        context.stroke();
        if (point.text) {
          context.fillStyle = "#ffffff";
          context.font = "bold 11px system-ui, sans-serif";
          context.textAlign = "center";
          context.fillText(point.text, p.x, p.y + 4);
        }
      });
      if (state.marker) {
        var m = toScreen(state.marker.lon, state.marker.lat, rect);
        context.beginPath();
        context.moveTo(m.x, m.y);
        context.bezierCurveTo(m.x - 4, m.y - 12, m.x - 14, m.y - 18, m.x - 14, m.y - 28);
        context.arc(m.x, m.y - 28, 14, Math.PI, 0);
        context.bezierCurveTo(m.x + 14, m.y - 18, m.x + 4, m.y - 12, m.x, m.y);
        context.fillStyle = "#c62828";
        context.fill();
        context.lineWidth = 3;
        context.strokeStyle = "#ffffff";
        context.stroke();
        context.beginPath();
        context.arc(m.x, m.y - 28, 5, 0, 2 * Math.PI);
        context.fillStyle = "#ffffff";
        context.fill();
      }
    }

    var scheduled = false;
    function draw() {
      if (scheduled) { return; }
      scheduled = true;
      window.requestAnimationFrame(function () {
        scheduled = false;
        var rect = size();
        context.clearRect(0, 0, rect.width, rect.height);
        context.fillStyle = "#e8ecef";
        context.fillRect(0, 0, rect.width, rect.height);
        drawTiles(rect);
        drawBase(rect);
        drawPoints(rect);
        element.dataset.zoomLevel = state.zoom.toFixed(1);
      });
    }

    function zoomTo(zoom, anchorX, anchorY) {
      var rect = element.getBoundingClientRect();
      zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
      if (anchorX === undefined) { anchorX = rect.width / 2; anchorY = rect.height / 2; }
      var anchor = toLonLat(anchorX, anchorY, rect);
      state.zoom = zoom;
      // keep the anchor under the pointer
      var shifted = toScreen(anchor.lon, anchor.lat, rect);
      panBy(shifted.x - anchorX, shifted.y - anchorY);
    }

    function panBy(dx, dy) {
      var centre = project(state.lon, state.lat, state.zoom);
      var next = unproject(centre.x + dx, centre.y + dy, state.zoom);
      state.lon = next.lon;
      state.lat = Math.max(-85, Math.min(85, next.lat));
      draw();
    }

    function local(event) {
      var rect = element.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top, rect: rect };
    }

    canvas.addEventListener("pointerdown", function (event) {
      pointers[event.pointerId] = local(event);
      canvas.setPointerCapture(event.pointerId);
      var ids = Object.keys(pointers);
      moved = false;
      if (ids.length === 1) { drag = pointers[event.pointerId]; }
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y), zoom: state.zoom };
        drag = null;
      }
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!pointers[event.pointerId]) { return; }
      var now = local(event);
      pointers[event.pointerId] = now;
      var ids = Object.keys(pointers);
      if (pinch && ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var distance = Math.hypot(a.x - b.x, a.y - b.y);
        if (pinch.distance > 0) { zoomTo(pinch.zoom + Math.log2(distance / pinch.distance), (a.x + b.x) / 2, (a.y + b.y) / 2); }
        moved = true;
      } else if (drag) {
        if (Math.abs(now.x - drag.x) + Math.abs(now.y - drag.y) > 3) { moved = true; }
        panBy(drag.x - now.x, drag.y - now.y);
        drag = now;
      }
    });
    function release(event) {
      var wasPointer = pointers[event.pointerId];
      delete pointers[event.pointerId];
      if (Object.keys(pointers).length < 2) { pinch = null; }
      if (event.type === "pointerup" && wasPointer && !moved && options.onPick) {
        var at = local(event), picked = toLonLat(at.x, at.y, at.rect);
        options.onPick(picked.lat, picked.lon);
      }
      if (Object.keys(pointers).length === 0) { drag = null; }
    }
    canvas.addEventListener("pointerup", release);
    canvas.addEventListener("pointercancel", release);
    canvas.addEventListener("wheel", function (event) {
      event.preventDefault();
      var at = local(event);
      zoomTo(state.zoom - Math.sign(event.deltaY) * 0.5, at.x, at.y);
    }, { passive: false });
    element.addEventListener("keydown", function (event) {
      var step = 80, handled = true;
      switch (event.key) {
        case "ArrowLeft": panBy(-step, 0); break;
        case "ArrowRight": panBy(step, 0); break;
        case "ArrowUp": panBy(0, -step); break;
        case "ArrowDown": panBy(0, step); break;
        case "+": case "=": zoomTo(state.zoom + 1); break;
        case "-": case "_": zoomTo(state.zoom - 1); break;
        default: handled = false;
      }
      if (handled && event.target === element) { event.preventDefault(); }
    });
    element.querySelectorAll("button[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () { zoomTo(state.zoom + (button.dataset.zoom === "in" ? 1 : -1)); });
    });
    window.addEventListener("resize", draw);

    loadBase(element.dataset.base || "/carte/fond.json").then(function (base) {
      state.base = base;
      element.dataset.ready = "true";
      draw();
    }).catch(function () { element.dataset.ready = "failed"; draw(); });
    draw();

    return {
      setMarker: function (lat, lon, follow) {
        state.marker = isNaN(lat) || isNaN(lon) ? null : { lat: lat, lon: lon };
        if (state.marker && follow) { state.lat = lat; state.lon = lon; state.zoom = Math.max(state.zoom, 16); }
        element.dataset.marker = state.marker ? lat.toFixed(6) + "," + lon.toFixed(6) : "";
        draw();
      },
      setPoints: function (points) { state.points = points || []; draw(); },
      center: function (lat, lon, zoom) { state.lat = lat; state.lon = lon; if (zoom) { state.zoom = zoom; } draw(); },
      zoom: function () { return state.zoom; }
    };
  }

  window.RelaisMap = { create: create };

  // A map that only shows a point (a request's page): data-marker="lat,lon" on the element.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map][data-marker-at]").forEach(function (element) {
      var parts = element.dataset.markerAt.split(",").map(parseFloat);
      create(element, {}).setMarker(parts[0], parts[1], true);
    });
  });
})();
