// The report's behaviour: sortable overview, a row filter, quotes lit up with their speakers,
// and articles opened when linked to. No network, no library.
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) {
    errors.push(String(e.message));
    document.documentElement.setAttribute("data-errors", errors.join(" | "));
  });

  function cellValue(row, index) {
    var cell = row.cells[index];
    var key = cell.getAttribute("data-sort");
    var text = key !== null ? key : cell.textContent.trim();
    var number = parseFloat(text);
    return { empty: text === "" || text === "-", number: isNaN(number) || !/^-?[\d.]+$/.test(text) ? null : number,
             text: text.toLowerCase() };
  }

  function sortBy(table, th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, n) {
      return { row: row, n: n, v: cellValue(row, index) };
    });
    rows.sort(function (a, b) {
      if (a.v.empty !== b.v.empty) { return a.v.empty ? 1 : -1; }  // empty cells last either way
      var c = 0;
      if (a.v.number !== null && b.v.number !== null) { c = a.v.number - b.v.number; }
      else { c = a.v.text < b.v.text ? -1 : a.v.text > b.v.text ? 1 : 0; }
      return (ascending ? c : -c) || a.n - b.n;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r.row); });
    body.appendChild(frag);
  }

  var table = document.querySelector("#overview table");
  if (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.addEventListener("click", function () { sortBy(table, th); });
    });
  }
  var filter = document.getElementById("filter");
  if (filter && table) {
    filter.addEventListener("input", function () {
      var q = filter.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }

  // a quote and the mention of its speaker light up together
  function light(on, event) {
    var el = event.target.closest ? event.target.closest("[data-q],[data-sq]") : null;
    if (!el) { return; }
    var ids = (el.getAttribute("data-q") || el.getAttribute("data-sq") || "").split(" ");
    ids.forEach(function (id) {
      if (!id) { return; }
      document.querySelectorAll('[data-q~="' + id + '"],[data-sq~="' + id + '"]').forEach(function (n) {
        n.classList.toggle("hl", on);
      });
    });
  }
  document.addEventListener("mouseover", function (e) { light(true, e); });
  document.addEventListener("mouseout", function (e) { light(false, e); });

  // a link into a closed article opens it
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var details = target.closest("details");
    if (details && !details.open) { details.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // report.html#selftest: the page checks its own behaviour (the browser test reads the verdict)
  function selftest() {
    var problems = [];
    var heads = table ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    var count = heads.filter(function (th) { return th.textContent.trim() === "count"; })[0];
    if (!count) { problems.push("no count column"); } else {
      sortBy(table, count);
      sortBy(table, count);
      var index = heads.indexOf(count);
      var values = Array.prototype.map.call(table.tBodies[0].rows, function (r) { return cellValue(r, index); });
      for (var i = 1; i < values.length; i++) {
        var a = values[i - 1], b = values[i];
        if ((a.empty && !b.empty) || (!a.empty && !b.empty && a.number !== null && b.number !== null
            && a.number < b.number)) { problems.push("not sorted at row " + i); break; }
      }
    }
    var speaker = document.querySelector("[data-sq]");
    var quote = speaker && document.querySelector('[data-q~="' + speaker.getAttribute("data-sq").split(" ")[0] + '"]');
    if (speaker && !quote) { problems.push("a speaker without its quote"); }
    if (quote) {
      quote.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
      if (!document.querySelector(".hl[data-sq]")) { problems.push("a quote does not light up its speaker"); }
      quote.dispatchEvent(new MouseEvent("mouseout", { bubbles: true }));
    }
    document.documentElement.setAttribute("data-selftest", problems.length ? problems.join("; ") : "ok");
  }
  if (location.hash === "#selftest") { selftest(); }
  document.body.setAttribute("data-ready", "1");
})();
