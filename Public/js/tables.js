// Tables marked "stack" read as one card per row on a phone: each cell is labelled with its column's heading (the
// CSS shows the label only on narrow screens). Tables filled live (the board) are labelled again as they change.
(function () {
  "use strict";
  function label(table) {
    var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (headings[index] && cell.colSpan === 1) { cell.setAttribute("data-label", headings[index]); }
      });
    });
  }
  document.querySelectorAll("table.stack").forEach(function (table) {
    label(table);
    new MutationObserver(function () { label(table); }).observe(table, { childList: true, subtree: true });
  });
})();
