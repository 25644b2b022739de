// cagraph explorer: the ties network from /export/ties.cyjs drawn with Cytoscape.js (served from
// the API's own copy of the npm package), a side panel from /explorer/countries/{iso}, a time
// window, a search box. Text from the graph only ever goes into the page as text, never as HTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const state = {
    cy: null,
    positions: new Map(), // node id -> position, from the first layout: the map stays put
    years: null, // [first, last] year of the dated ties, from the unfiltered graph
    since: null,
    until: null,
    selected: null,
    draws: 0,
    panels: 0,
  };

  function url(path, params = {}) {
    const u = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== "") u.searchParams.set(key, value);
    }
    return u;
  }

  async function getJSON(target) {
    const response = await fetch(target, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let detail = `${response.status} ${response.statusText}`;
      try {
        const problem = await response.json();
        detail = problem.detail || detail;
      } catch (_) {
        // not a problem document
      }
      throw new Error(detail);
    }
    return response.json();
  }

  function windowParams() {
    return { since: state.since, until: state.until };
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function setStatus(text, failed = false) {
    $("status").textContent = text;
    if (failed) document.body.dataset.state = "error";
  }

  function safeHref(value) {
    try {
      const parsed = new URL(value, window.location.origin);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }

  // -- the network ----------------------------------------------------------------------------

  const STYLE = [
    {
      selector: "node",
      style: {
        "background-color": "data(color)",
        width: "data(size)",
        height: "data(size)",
        label: "data(label)",
        "font-size": 10,
        "text-valign": "bottom",
        "text-margin-y": 3,
        color: "#1d1d1f",
        "text-outline-color": "#fafafa",
        "text-outline-width": 2,
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    {
      selector: "edge",
      style: {
        width: "data(width)",
        "line-color": "data(color)",
        opacity: 0.65,
        "curve-style": "haystack",
      },
    },
    { selector: ".faded", style: { opacity: 0.12 } },
    { selector: "edge.focus", style: { opacity: 1 } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#111111" } },
  ];

  function asElements(payload) {
    const nodes = payload.elements.nodes.map((n) => {
      const item = { group: "nodes", data: n.data };
      const at = state.positions.get(n.data.id);
      if (at) item.position = { ...at };
      return item;
    });
    const edges = payload.elements.edges.map((e) => ({ group: "edges", data: e.data }));
    return nodes.concat(edges);
  }

  function yearsOf(payload) {
    const years = [];
    for (const edge of payload.elements.edges) {
      for (const key of ["first_date", "last_date"]) {
        if (edge.data[key]) years.push(Number(edge.data[key].slice(0, 4)));
      }
    }
    return years.length ? [Math.min(...years), Math.max(...years)] : null;
  }

  function describe(payload) {
    const nodes = payload.elements.nodes.length;
    const edges = payload.elements.edges.length;
    let text = `${nodes} countries, ${edges} ties`;
    if (state.since || state.until) {
      text += ` with acts dated ${state.since || "…"}–${state.until || "…"} (undated ties hidden)`;
    }
    return text + ". Click a country for its partners and agreements.";
  }

  function fillLegend() {
    const regions = new Map();
    state.cy.nodes().forEach((n) => regions.set(n.data("region") || "other", n.data("color")));
    const legend = $("legend");
    legend.replaceChildren();
    [...regions.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .forEach(([name, colour]) => {
        const row = element("div");
        const swatch = element("span", null, "swatch");
        swatch.style.background = colour;
        row.append(swatch, document.createTextNode(name));
        legend.append(row);
      });
  }

  function fillSearch() {
    const list = $("country-names");
    list.replaceChildren();
    state.cy
      .nodes()
      .map((n) => n.data())
      .sort((a, b) => a.label.localeCompare(b.label))
      .forEach((d) => {
        const option = element("option");
        option.value = `${d.label} (${d.iso})`;
        list.append(option);
      });
  }

  function updateDownloads() {
    for (const ext of ["gexf", "graphml", "csv"]) {
      const target = url(ext === "csv" ? "/export/ties.csv.zip" : `/export/ties.${ext}`, windowParams());
      $(`download-${ext}`).href = target.pathname + target.search;
    }
  }

  async function draw() {
    const ticket = ++state.draws;
    const payload = await getJSON(url("/export/ties.cyjs", windowParams()));
    if (ticket !== state.draws) return; // a later slider move won
    const first = state.cy === null;
    if (first) {
      state.cy = window.cytoscape({
        container: $("cy"),
        elements: asElements(payload),
        style: STYLE,
        layout: { name: "preset" },
        minZoom: 0.2,
        maxZoom: 4,
      });
      state.cy.on("tap", "node", (event) => select(event.target.id()));
      state.cy.on("tap", (event) => {
        if (event.target === state.cy) clearSelection();
      });
      const layout = state.cy.layout({
        name: "cose",
        animate: false,
        randomize: true,
        nodeRepulsion: () => 12000,
        idealEdgeLength: () => 90,
        padding: 40,
      });
      layout.run();
      state.cy.nodes().forEach((n) => state.positions.set(n.id(), { ...n.position() }));
      state.years = yearsOf(payload);
      setUpSlider();
      fillSearch();
    } else {
      state.cy.batch(() => {
        state.cy.elements().remove();
        state.cy.add(asElements(payload));
      });
      if (state.selected && state.cy.getElementById(state.selected).nonempty()) {
        highlight(state.selected);
      } else if (state.selected) {
        clearSelection();
      }
    }
    fillLegend();
    updateDownloads();
    setStatus(describe(payload));
    document.body.dataset.state = "ready";
    document.body.dataset.nodes = String(payload.elements.nodes.length);
    document.body.dataset.edges = String(payload.elements.edges.length);
  }

  // -- time window ----------------------------------------------------------------------------

  function setUpSlider() {
    if (!state.years || state.years[0] === state.years[1]) return;
    const [low, high] = state.years;
    for (const id of ["from-year", "to-year"]) {
      const input = $(id);
      input.min = String(low);
      input.max = String(high);
    }
    $("from-year").value = String(low);
    $("to-year").value = String(high);
    showYears();
    $("time").hidden = false;
    for (const id of ["from-year", "to-year"]) {
      $(id).addEventListener("input", showYears);
      $(id).addEventListener("change", () => applyWindow(id));
    }
  }

  function showYears() {
    $("from-label").textContent = $("from-year").value;
    $("to-label").textContent = $("to-year").value;
  }

  function applyWindow(moved) {
    let from = Number($("from-year").value);
    let to = Number($("to-year").value);
    if (from > to) {
      if (moved === "from-year") to = from;
      else from = to;
      $("from-year").value = String(from);
      $("to-year").value = String(to);
      showYears();
    }
    // the full range is no window at all (undated ties stay); any narrower range is one
    const [low, high] = state.years;
    const full = from === low && to === high;
    state.since = full ? null : String(from);
    state.until = full ? null : String(to);
    draw().catch((error) => setStatus(`Could not load the ties: ${error.message}`, true));
    if (state.selected) openPanel(state.selected);
  }

  // -- selection and the panel ----------------------------------------------------------------

  function highlight(id) {
    const node = state.cy.getElementById(id);
    state.cy.elements().removeClass("faded focus");
    const near = node.closedNeighborhood();
    state.cy.elements().not(near).addClass("faded");
    near.edges().addClass("focus");
    state.cy.nodes().unselect();
    node.select();
  }

  function clearSelection() {
    state.selected = null;
    if (state.cy) {
      state.cy.elements().removeClass("faded focus");
      state.cy.nodes().unselect();
    }
    $("panel").hidden = true;
  }

  function select(id) {
    const node = state.cy.getElementById(id);
    if (node.empty()) return;
    state.selected = id;
    highlight(id);
    openPanel(id);
  }

  function partnerRow(partner) {
    const row = element("tr");
    row.dataset.iso = partner.iso;
    const dates =
      partner.first_date === partner.last_date
        ? partner.first_date || "undated"
        : `${partner.first_date} – ${partner.last_date}`;
    row.append(
      element("td", partner.label),
      element("td", partner.agreements),
      element("td", partner.events),
      element("td", partner.articles),
      element("td", dates),
    );
    row.addEventListener("click", () => {
      const target = state.cy.nodes().filter((n) => n.data("iso") === partner.iso);
      if (target.nonempty()) {
        select(target.id());
        state.cy.animate({ center: { eles: target } }, { duration: 300 });
      }
    });
    return row;
  }

  function actItem(act, iso) {
    const item = element("li");
    item.className = "act";
    item.append(element("span", act.kind, `kind ${act.category}`));
    item.append(element("strong", act.label));
    item.append(element("span", act.date || "undated", "date"));
    const others = act.countries.filter((c) => c !== iso);
    if (others.length) item.append(element("div", `with ${others.join(", ")}`, "with"));
    for (const evidence of act.evidence) {
      if (evidence.sentence) item.append(element("blockquote", evidence.sentence));
      const source = element("div", null, "source");
      const link = element("a", evidence.title || `article ${evidence.article_id}`);
      link.className = "article";
      link.href =
        (evidence.url && safeHref(evidence.url)) ||
        `/articles/${encodeURIComponent(evidence.article_id)}`;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      source.append(document.createTextNode("— "), link);
      if (evidence.published) source.append(document.createTextNode(`, ${evidence.published}`));
      item.append(source);
    }
    return item;
  }

  async function openPanel(id) {
    const iso = state.cy.getElementById(id).data("iso");
    const panel = $("panel");
    panel.hidden = false;
    panel.dataset.state = "loading";
    panel.dataset.country = iso;
    const ticket = ++state.panels;
    let data;
    try {
      data = await getJSON(url(`/explorer/countries/${encodeURIComponent(iso)}`, windowParams()));
    } catch (error) {
      $("panel-title").textContent = iso;
      $("panel-region").textContent = `Could not load: ${error.message}`;
      panel.dataset.state = "error";
      return;
    }
    if (ticket !== state.panels) return; // another country or window was asked for meanwhile
    $("panel-title").textContent = data.label;
    $("panel-swatch").style.background = data.colour;
    $("panel-region").textContent = `${data.region || "region unknown"} · ${data.filter}`;
    const body = $("partners").querySelector("tbody");
    body.replaceChildren(...data.partners.map(partnerRow));
    if (!data.partners.length) {
      const row = element("tr");
      const cell = element("td", "No partners in this window.", "empty");
      cell.colSpan = 5;
      row.append(cell);
      body.append(row);
    }
    const acts = $("acts");
    acts.replaceChildren(...data.acts.map((act) => actItem(act, iso)));
    if (!data.acts.length) acts.append(element("li", "No agreements or events in this window.", "empty"));
    panel.dataset.state = "ready";
  }

  // -- search ---------------------------------------------------------------------------------

  function find(text) {
    const raw = text.trim().toLowerCase();
    if (!raw) return null;
    const tagged = raw.match(/\(([a-z]{2})\)$/);
    const code = tagged ? tagged[1] : raw.length === 2 ? raw : null;
    const name = raw.replace(/\s*\([a-z]{2}\)$/, "");
    const tests = [
      (d) => code !== null && d.iso.toLowerCase() === code,
      (d) => d.label.toLowerCase() === name,
      (d) => d.label.toLowerCase().startsWith(name),
      (d) => d.label.toLowerCase().includes(name),
    ];
    for (const test of tests) {
      const hits = state.cy.nodes().filter((n) => test(n.data()));
      if (hits.nonempty()) return hits[0];
    }
    return null;
  }

  function setUpSearch() {
    $("search").addEventListener("submit", (event) => {
      event.preventDefault();
      if (!state.cy) return;
      const found = find($("search-box").value);
      if (!found) {
        setStatus(`No country in the network matches “${$("search-box").value}”.`);
        return;
      }
      select(found.id());
      state.cy.animate({ center: { eles: found }, zoom: Math.max(state.cy.zoom(), 1.2) }, { duration: 300 });
    });
    $("panel-close").addEventListener("click", clearSelection);
  }

  function start() {
    if (typeof window.cytoscape !== "function") {
      setStatus("Cytoscape.js did not load (is api/explorer/node_modules installed?)", true);
      return;
    }
    setUpSearch();
    draw().catch((error) => setStatus(`Could not load the ties: ${error.message}`, true));
  }

  window.cagraphExplorer = { state, select, find, clearSelection };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
