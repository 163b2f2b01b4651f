// Address lookup as one types: an input with data-place-lookup asks /api/v1/places (or the address its value names)
// for the best places (civic addresses, corners, landmarks, coordinates) and lists them as a listbox (ARIA combobox: arrows, Enter, Escape).
// Choosing one fills the address, sets the latitude and longitude fields it names, says which borough holds the
// point (or that none does: the river, another city) and fires "place-chosen" with the point.
(function () {
  "use strict";

  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var status = document.getElementById("address-status");
    var latitude = document.getElementById(input.dataset.latitude);
    var longitude = document.getElementById(input.dataset.longitude);
    var items = [], active = -1, timer = null, asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, at) {
        option.setAttribute("aria-selected", at === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(found) {
      items = found;
      list.textContent = "";
      found.forEach(function (place, index) {
        var option = document.createElement("li");
        option.id = input.id + "-option-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "place-option kind-" + place.kind;
        var label = document.createElement("span");
        label.textContent = place.label;
        var where = document.createElement("span");
        where.className = "where";
        where.textContent = place.territory || "—";
        option.appendChild(label);
        option.appendChild(where);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
        list.appendChild(option);
      });
      if (status) {
        status.textContent = found.length ? status.dataset.count.replace("{0}", found.length) : status.dataset.none;
      }
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      highlight(found.length ? 0 : -1);
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      var ticket = ++asked;
      fetch((input.dataset.placeLookup || "/api/v1/places") + "?q=" + encodeURIComponent(text.slice(0, 200)),
        { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (body) { if (ticket === asked && document.activeElement === input) { show(body.items); } })
        .catch(function () {});
    }

    function choose(index) {
      var place = items[index];
      if (!place) { return; }
      if (place.kind !== "coordinates") { input.value = place.label; }
      if (latitude) { latitude.value = place.latitude.toFixed(6); }
      if (longitude) { longitude.value = place.longitude.toFixed(6); }
      close();
      input.dispatchEvent(new CustomEvent("place-chosen", {
        bubbles: true, detail: { latitude: place.latitude, longitude: place.longitude, territory: place.territory, served: place.served,
          place: place }
      }));
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        if (event.key === "ArrowDown") { ask(); event.preventDefault(); }
        return;
      }
      switch (event.key) {
        case "ArrowDown": highlight(Math.min(items.length - 1, active + 1)); break;
        case "ArrowUp": highlight(Math.max(0, active - 1)); break;
        case "Enter": if (active >= 0) { choose(active); } else { return; } break;
        case "Escape": close(); break;
        default: return;
      }
      event.preventDefault();
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-place-lookup]").forEach(setup);
})();
