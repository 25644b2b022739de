// Load an exported JSON graph the way a browser app would, and report what loaded.
//
//   node load_export.mjs <node_modules folder> cytoscape|d3 <file.json>
//
// cytoscape: cytoscape({headless: true, elements}) — it throws on an edge to a missing node.
// d3: d3-force's forceSimulation with forceLink().id(d => d.id) — it throws "node not found".
// Prints one JSON line {ok, nodes, edges} or {ok: false, error}; exit code 0 or 1.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, kind, file] = process.argv.slice(2);
const require = createRequire(join(resolve(modules), "noop.js"));

function report(result) {
  process.stdout.write(JSON.stringify(result) + "\n");
  process.exit(result.ok ? 0 : 1);
}

async function viaCytoscape(payload) {
  const cytoscape = require("cytoscape");
  // Cytoscape desktop / networkx shape {elements: {nodes, edges}}, or a bare elements array
  const elements = Array.isArray(payload) ? payload : payload.elements;
  const cy = cytoscape({ headless: true, styleEnabled: false, elements });
  const dangling = cy.edges().filter((e) => e.source().empty() || e.target().empty());
  if (dangling.length) throw new Error(`${dangling.length} edges with a missing end`);
  return { nodes: cy.nodes().length, edges: cy.edges().length };
}

async function viaD3(payload) {
  const d3 = await import(pathToFileURL(require.resolve("d3-force")).href);
  const nodes = payload.nodes.map((n) => ({ ...n }));
  const links = payload.links.map((l) => ({ ...l }));
  const simulation = d3
    .forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id))
    .force("charge", d3.forceManyBody())
    .stop();
  simulation.tick(30);
  const finite = nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y));
  if (!finite) throw new Error("a node has no finite position");
  const resolved = links.every((l) => typeof l.source === "object" && typeof l.target === "object");
  if (!resolved) throw new Error("a link was not resolved to its nodes");
  return { nodes: nodes.length, edges: links.length };
}

try {
  const payload = JSON.parse(readFileSync(file, "utf8"));
  const counts = kind === "d3" ? await viaD3(payload) : await viaCytoscape(payload);
  report({ ok: true, ...counts });
} catch (error) {
  report({ ok: false, error: String(error && error.message ? error.message : error) });
}
