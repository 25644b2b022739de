// cagraph explorer: the ties network from /export/ties.cyjs drawn with Cytoscape.js and laid out
// by fcose (both served from the API's own copies of the npm packages) with a fixed seed, so the
// map is the same on every load, and node boxes that include their labels pushed apart until none
// overlaps; a side panel for a country or a pair (click a node or a tie) from
// /explorer/countries/{iso} with a chart of agreements and events per year; a time window; a
// search over every name, spelling, demonym and code of a country. Text from the graph only ever
// goes into the page as text, never as HTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const state = {
    cy: null,
    positions: new Map(), // node id -> position, from the first layout: the map stays put
    years: null, // [first, last] year of the dated ties, from the unfiltered graph
    since: null,
    until: null,
    selected: null, // node id of the country whose panel is open
    partner: null, // ISO code of the other country when the panel shows a pair
    names: new Map(), // ISO code -> every name form of the country, lower case, no accents
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


  // -- layout: deterministic, labels never on top of another node or label -------------------

  const SEED = 20240601;

  function seeded(seed) {
    // mulberry32: a small, well-mixed 32-bit generator
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function boxes() {
    return state.cy.nodes().map((n) => ({ node: n, box: n.boundingBox({ includeLabels: true }) }));
  }

  function separate(gap = 6, rounds = 400) {
    // push apart, along the axis that needs the least move, every two nodes whose boxes (node
    // and label) overlap, until none does
    for (let round = 0; round < rounds; round++) {
      let moved = false;
      const all = boxes();
      for (let i = 0; i < all.length; i++) {
        for (let k = i + 1; k < all.length; k++) {
          const a = all[i].box;
          const b = all[k].box;
          const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + gap;
          const dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + gap;
          if (dx <= 0 || dy <= 0) continue;
          const pa = all[i].node.position();
          const pb = all[k].node.position();
          const ahead = (axis) => (pb[axis] > pa[axis] || (pb[axis] === pa[axis] && k > i) ? 1 : -1);
          const shift = dx < dy ? { x: (dx / 2) * ahead("x"), y: 0 } : { x: 0, y: (dy / 2) * ahead("y") };
          all[i].node.position({ x: pa.x - shift.x, y: pa.y - shift.y });
          all[k].node.position({ x: pb.x + shift.x, y: pb.y + shift.y });
          all[i].box = all[i].node.boundingBox({ includeLabels: true });
          all[k].box = all[k].node.boundingBox({ includeLabels: true });
          moved = true;
        }
      }
      if (!moved) return round;
    }
    return rounds;
  }

  function layOut() {
    const random = Math.random;
    Math.random = seeded(SEED); // fcose draws random numbers: the same ones on every load
    try {
      state.cy
        .layout({
          name: "fcose",
          quality: "proof",
          randomize: true,
          animate: false,
          fit: false,
          nodeDimensionsIncludeLabels: true,
          nodeSeparation: 90,
          idealEdgeLength: () => 110,
          nodeRepulsion: () => 9000,
          edgeElasticity: () => 0.3,
          numIter: 3000,
        })
        .run();
    } finally {
      Math.random = random;
    }
    document.body.dataset.separationRounds = String(separate());
    state.cy.fit(undefined, 30);
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
      state.cy.on("tap", "edge", (event) => {
        const edge = event.target;
        select(edge.source().id(), edge.target().data("iso"));
      });
      state.cy.on("tap", (event) => {
        if (event.target === state.cy) clearSelection();
      });
      layOut();
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
        highlight(state.selected, state.partner);
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
    if (state.selected) openPanel(state.selected, state.partner);
  }

  // -- selection and the panel ----------------------------------------------------------------

  function nodeOf(iso) {
    return state.cy.nodes().filter((n) => n.data("iso") === iso);
  }

  function highlight(id, partner) {
    const node = state.cy.getElementById(id);
    state.cy.elements().removeClass("faded focus");
    state.cy.elements().unselect();
    if (partner) {
      const other = nodeOf(partner);
      const tie = node.edgesWith(other);
      state.cy.elements().not(node.union(other).union(tie)).addClass("faded");
      tie.addClass("focus");
      node.union(other).select();
      return;
    }
    const near = node.closedNeighborhood();
    state.cy.elements().not(near).addClass("faded");
    near.edges().addClass("focus");
    node.select();
  }

  function clearSelection() {
    state.selected = null;
    state.partner = null;
    if (state.cy) {
      state.cy.elements().removeClass("faded focus");
      state.cy.elements().unselect();
    }
    $("panel").hidden = true;
  }

  function select(id, partner = null) {
    const node = state.cy.getElementById(id);
    if (node.empty()) return;
    state.selected = id;
    state.partner = partner;
    highlight(id, partner);
    openPanel(id, partner);
  }

  function partnerRow(partner) {
    const row = element("tr");
    row.dataset.iso = partner.iso;
    const dates =
      partner.first_date === partner.last_date
        ? partner.first_date || "undated"
        : `${partner.first_date || "…"} – ${partner.last_date || "…"}`;
    row.append(
      element("td", partner.label),
      element("td", partner.agreements),
      element("td", partner.events),
      element("td", partner.articles),
      element("td", dates),
    );
    row.title = "Show the acts of this pair";
    row.addEventListener("click", () => {
      if (state.selected && !state.partner) select(state.selected, partner.iso);
    });
    return row;
  }

  function actItem(act, iso) {
    const item = element("li");
    item.className = "act";
    item.dataset.iri = act.iri;
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

  function oneRowPerAct(acts) {
    const seen = new Set();
    return acts.filter((act) => !seen.has(act.iri) && seen.add(act.iri));
  }

  // -- the timeline: agreements and events per year, as stacked bars (SVG) -------------------

  const SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attributes = {}, text = null) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (text !== null) node.textContent = String(text);
    return node;
  }

  function perYear(acts) {
    const years = new Map();
    let undated = 0;
    for (const act of acts) {
      const year = act.date ? Number(act.date.slice(0, 4)) : null;
      if (!year) {
        undated += 1;
        continue;
      }
      const counts = years.get(year) || { agreement: 0, event: 0 };
      counts[act.category] += 1;
      years.set(year, counts);
    }
    return { years, undated };
  }

  function drawTimeline(acts) {
    const box = $("timeline");
    box.replaceChildren();
    const { years, undated } = perYear(acts);
    box.dataset.undated = String(undated);
    if (!years.size) {
      box.append(element("p", "No dated agreements or events.", "note empty"));
      return;
    }
    const first = Math.min(...years.keys());
    const last = Math.max(...years.keys());
    const span = last - first + 1;
    const highest = Math.max(...[...years.values()].map((c) => c.agreement + c.event));
    const width = 380;
    const height = 130;
    const left = 24;
    const bottom = 18;
    const top = 8;
    const slot = (width - left - 4) / span;
    const bar = Math.max(2, Math.min(28, slot * 0.7));
    const scale = (height - top - bottom) / highest;
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" });
    chart.append(
      svg("line", { class: "axis", x1: left, y1: height - bottom, x2: width - 2, y2: height - bottom }),
    );
    chart.append(svg("text", { x: left - 4, y: top + 8, "text-anchor": "end" }, highest));
    chart.append(svg("text", { x: left - 4, y: height - bottom, "text-anchor": "end" }, 0));
    const labelEvery = Math.ceil(span / 10);
    for (let year = first; year <= last; year++) {
      const counts = years.get(year) || { agreement: 0, event: 0 };
      const x = left + (year - first) * slot + (slot - bar) / 2;
      let y = height - bottom;
      for (const category of ["agreement", "event"]) {
        const count = counts[category];
        if (!count) continue;
        const h = count * scale;
        y -= h;
        const rect = svg("rect", { class: `bar ${category}`, x, y, width: bar, height: h });
        rect.dataset.year = String(year);
        rect.dataset.category = category;
        rect.dataset.count = String(count);
        rect.append(svg("title", {}, `${year}: ${count} ${category}${count === 1 ? "" : "s"}`));
        chart.append(rect);
      }
      if ((year - first) % labelEvery === 0 || year === last) {
        const label = svg("text", { x: x + bar / 2, y: height - 4, "text-anchor": "middle" }, year);
        chart.append(label);
      }
    }
    box.append(chart);
    const key = element("p", null, "note key");
    key.append(element("span", null, "agreement"), document.createTextNode("agreements"));
    key.append(element("span", null, "event"), document.createTextNode("events"));
    if (undated) key.append(document.createTextNode(` · ${undated} undated, not shown`));
    box.append(key);
  }

  async function openPanel(id, partner = null) {
    const iso = state.cy.getElementById(id).data("iso");
    const panel = $("panel");
    panel.hidden = false;
    panel.dataset.state = "loading";
    panel.dataset.country = iso;
    panel.dataset.partner = partner || "";
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
    let acts = oneRowPerAct(data.acts);
    let partners = data.partners;
    $("panel-swatch").style.background = data.colour;
    if (partner) {
      const other = nodeOf(partner);
      const otherLabel = other.nonempty() ? other.data("label") : partner;
      acts = acts.filter((act) => act.countries.includes(partner));
      partners = partners.filter((p) => p.iso === partner);
      $("panel-title").textContent = `${data.label} – ${otherLabel}`;
      $("panel-region").textContent = `the tie between them · ${data.filter}`;
    } else {
      $("panel-title").textContent = data.label;
      $("panel-region").textContent = `${data.region || "region unknown"} · ${data.filter}`;
    }
    drawTimeline(acts);
    const body = $("partners").querySelector("tbody");
    body.replaceChildren(...partners.map(partnerRow));
    if (!partners.length) {
      const row = element("tr");
      const cell = element("td", "No partners in this window.", "empty");
      cell.colSpan = 5;
      row.append(cell);
      body.append(row);
    }
    const list = $("acts");
    list.replaceChildren(...acts.map((act) => actItem(act, iso)));
    if (!acts.length) list.append(element("li", "No agreements or events in this window.", "empty"));
    panel.dataset.state = "ready";
  }

  // -- search: every name form of a country, then the server's resolver -----------------------

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  async function loadNames() {
    try {
      const names = await getJSON("/explorer/names.json");
      for (const [iso, forms] of Object.entries(names)) {
        state.names.set(iso, forms.map(fold));
      }
    } catch (_) {
      // the search still knows each node's label and code
    }
  }

  function find(text) {
    const raw = fold(text);
    if (!raw) return null;
    const tagged = raw.match(/\(([a-z]{2})\)$/);
    const name = raw.replace(/\s*\([a-z]{2}\)$/, "");
    const forms = (d) => [fold(d.label), d.iso.toLowerCase(), ...(state.names.get(d.iso) || [])];
    const tests = [
      (d) => tagged !== null && d.iso.toLowerCase() === tagged[1],
      (d) => forms(d).includes(name),
      (d) => forms(d).some((f) => f.startsWith(name)),
      (d) => name.length > 2 && forms(d).some((f) => f.includes(name)),
    ];
    for (const test of tests) {
      const hits = state.cy.nodes().filter((n) => test(n.data()));
      if (hits.nonempty()) return hits.sort((a, b) => b.data("size") - a.data("size"))[0];
    }
    return null;
  }

  async function suggest(text) {
    // a name the network does not draw: ask the service, which knows every country and spelling
    try {
      const response = await fetch(url(`/countries/${encodeURIComponent(text.trim())}`), {
        headers: { Accept: "application/json" },
      });
      const body = await response.json();
      if (response.ok) return `${body.name} (${body.code}) has no ties in the network.`;
      if (body.suggestions && body.suggestions.length) {
        return `No country in the network matches “${text}”. Did you mean ${body.suggestions.join(", ")}?`;
      }
    } catch (_) {
      // fall through
    }
    return `No country in the network matches “${text}”.`;
  }

  function setUpSearch() {
    $("search").addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!state.cy) return;
      const text = $("search-box").value;
      const found = find(text);
      if (!found) {
        setStatus(await suggest(text));
        return;
      }
      select(found.id());
      state.cy.animate({ center: { eles: found }, zoom: Math.max(state.cy.zoom(), 1.2) }, { duration: 300 });
    });
    $("panel-close").addEventListener("click", clearSelection);
  }

  function start() {
    if (typeof window.cytoscape !== "function" || typeof window.cytoscapeFcose !== "function") {
      setStatus("Cytoscape.js or its fcose layout did not load (run bash scripts/setup.sh)", true);
      return;
    }
    setUpSearch();
    loadNames()
      .then(draw)
      .catch((error) => setStatus(`Could not load the ties: ${error.message}`, true));
  }

  window.cagraphExplorer = { state, select, find, clearSelection, perYear };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
