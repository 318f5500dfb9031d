/* pm-pipeline: filter, sort and page the site's tables in the browser. Shipped with the package: no CDN.
 * Without JavaScript every table still reads (the long ones show their first rows and link the downloads).
 * A table opts in with data-pm-table; data-src names a JSON file of all its rows ({"rows": ["<tr>…</tr>"]},
 * HTML the site rendered and escaped at build time) that replaces the rows shown without JavaScript.
 * Filters come from the rows' data-owner, data-team, data-service, data-severity, data-priority, data-factor, data-state
 * and data-date attributes; `?owner=@sam&state=overdue` in the address presets them. */
(function () {
  "use strict";
  var FILTERS = [["owner", "Owner"], ["team", "Team"], ["service", "Service"], ["severity", "Severity"],
    ["priority", "Priority"], ["factor", "Factor"], ["state", "Status"]];
  var SIZES = [25, 50, 100, 0];
  var counter = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function labelled(control, text) {
    var id = "pm-ctl-" + (++counter);
    control.id = id;
    var wrap = el("div", {"class": "pm-tools__field"});
    wrap.appendChild(el("label", {"for": id}, text));
    wrap.appendChild(control);
    return wrap;
  }

  function values(row, name) {
    var raw = row.getAttribute("data-" + name);
    return raw ? raw.split("|") : [];
  }

  function sortValue(row, index, numeric) {
    var cell = row.cells[index];
    var text = cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
    if (!numeric) return text.toLowerCase();
    var number = parseFloat(text.replace(/,/g, ""));
    return isNaN(number) ? -Infinity : number;
  }

  function Table(table) {
    this.table = table;
    this.body = table.tBodies[0];
    this.rows = Array.prototype.slice.call(this.body.rows);
    this.page = 0;
    this.size = 50;
    this.sort = null;
    this.controls = {};
    this.params = new URLSearchParams(window.location.search);
    this.root = table.getAttribute("data-root") || "./";
    this.total = parseInt(table.getAttribute("data-total") || "0", 10);
  }

  Table.prototype.load = function () {
    var self = this, src = this.table.getAttribute("data-src");
    if (!src || !window.fetch) return this.build();
    fetch(src).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      var box = document.createElement("tbody");
      box.innerHTML = data.rows.join("").split('href="~/').join('href="' + self.root);
      self.rows = Array.prototype.slice.call(box.rows);
      var note = document.getElementById(self.table.getAttribute("data-partial") || "-");
      if (note) note.hidden = true;
      self.build();
    }).catch(function () { self.build(); });
  };

  Table.prototype.build = function () {
    var self = this, tools = el("div", {"class": "pm-tools", "role": "group", "aria-label": "Filter this table"});
    FILTERS.forEach(function (filter) {
      var seen = {};
      self.rows.forEach(function (row) { values(row, filter[0]).forEach(function (v) { seen[v] = true; }); });
      var keys = Object.keys(seen).sort();
      if (keys.length < 2) return;
      var select = el("select", {"data-filter": filter[0]});
      select.appendChild(el("option", {"value": ""}, "All"));
      keys.forEach(function (key) { select.appendChild(el("option", {"value": key}, key)); });
      var preset = self.params.get(filter[0]);
      if (preset && seen[preset]) select.value = preset;
      select.addEventListener("change", function () { self.page = 0; self.render(); });
      self.controls[filter[0]] = select;
      tools.appendChild(labelled(select, filter[1]));
    });
    if (this.rows.some(function (row) { return row.hasAttribute("data-date"); })) {
      var what = this.table.getAttribute("data-date-label") || "Date";
      ["from", "to"].forEach(function (end) {
        var input = el("input", {"type": "date"});
        if (self.params.get(end)) input.value = self.params.get(end);
        input.addEventListener("change", function () { self.page = 0; self.render(); });
        self.controls[end] = input;
        tools.appendChild(labelled(input, what + " " + end));
      });
    }
    var text = el("input", {"type": "search"});
    text.addEventListener("input", function () { self.page = 0; self.render(); });
    this.controls.text = text;
    tools.appendChild(labelled(text, "Contains"));
    var size = el("select", {});
    SIZES.forEach(function (n) { size.appendChild(el("option", {"value": String(n)}, n ? String(n) : "All")); });
    size.value = "50";
    size.addEventListener("change", function () { self.size = parseInt(size.value, 10); self.page = 0; self.render(); });
    tools.appendChild(labelled(size, "Rows per page"));
    var wrapper = this.table.closest(".pm-table") || this.table;
    wrapper.parentNode.insertBefore(tools, wrapper);
    this.status = el("p", {"class": "pm-pager__status", "aria-live": "polite"});
    this.prev = el("button", {"type": "button", "class": "md-button"}, "Previous");
    this.next = el("button", {"type": "button", "class": "md-button"}, "Next");
    this.prev.addEventListener("click", function () { self.page -= 1; self.render(); });
    this.next.addEventListener("click", function () { self.page += 1; self.render(); });
    var pager = el("div", {"class": "pm-pager"});
    pager.appendChild(this.prev);
    pager.appendChild(this.status);
    pager.appendChild(this.next);
    wrapper.parentNode.insertBefore(pager, wrapper.nextSibling);
    Array.prototype.forEach.call(this.table.tHead.rows[0].cells, function (th, index) {
      var button = el("button", {"type": "button", "class": "pm-sort"}, th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = self.sort && self.sort.index === index && !self.sort.descending;
        self.sort = {index: index, descending: descending, numeric: th.classList.contains("pm-num")};
        Array.prototype.forEach.call(th.parentNode.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        self.render();
      });
    });
    this.render();
  };

  Table.prototype.matches = function (row) {
    var controls = this.controls;
    for (var i = 0; i < FILTERS.length; i++) {
      var select = controls[FILTERS[i][0]];
      if (select && select.value && values(row, FILTERS[i][0]).indexOf(select.value) < 0) return false;
    }
    var date = row.getAttribute("data-date") || "";
    if (controls.from && controls.from.value && date < controls.from.value) return false;
    if (controls.to && controls.to.value && date > controls.to.value) return false;
    var needle = controls.text.value.trim().toLowerCase();
    return !needle || row.textContent.toLowerCase().indexOf(needle) >= 0;
  };

  Table.prototype.render = function () {
    var self = this, shown = this.rows.filter(function (row) { return self.matches(row); });
    if (this.sort) {
      var s = this.sort;
      shown = shown.map(function (row, i) { return [sortValue(row, s.index, s.numeric), i, row]; })
        .sort(function (a, b) { return (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]) * (s.descending ? -1 : 1); })
        .map(function (entry) { return entry[2]; });
    }
    var pages = this.size ? Math.max(1, Math.ceil(shown.length / this.size)) : 1;
    this.page = Math.min(Math.max(this.page, 0), pages - 1);
    var start = this.size ? this.page * this.size : 0;
    var visible = this.size ? shown.slice(start, start + this.size) : shown;
    var fragment = document.createDocumentFragment();
    visible.forEach(function (row) { fragment.appendChild(row); });
    this.body.textContent = "";
    this.body.appendChild(fragment);
    var of = shown.length === this.rows.length ? "" : " (filtered from " + this.rows.length.toLocaleString("en") + ")";
    this.status.textContent = shown.length
      ? "Rows " + (start + 1).toLocaleString("en") + "–" + (start + visible.length).toLocaleString("en") + " of "
        + shown.length.toLocaleString("en") + of + (pages > 1 ? ", page " + (this.page + 1) + " of " + pages : "")
      : "No rows match" + of + ".";
    this.prev.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-pm-table]:not([data-pm-ready])"), function (table) {
      table.setAttribute("data-pm-ready", "");
      new Table(table).load();
    });
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
