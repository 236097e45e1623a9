// On a narrow screen a table of the AI Analysis is shown as one card per row (styles.html);
// each cell then names its column, copied here from the table's header.
(function () {
  "use strict";
  document.querySelectorAll("table.analysis").forEach(function (table) {
    const headers = Array.from(table.querySelectorAll("thead th")).map(function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.from(row.children).forEach(function (cell, index) {
        if (headers[index] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", headers[index]);
        }
      });
    });
  });
})();
