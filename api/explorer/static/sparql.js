// YASGUI (from npm, served by the API) on this service's /sparql. Prefixes are completed from
// the service's own list instead of prefix.cc, and class and property completion (which asks
// LOV over the internet) is off: nothing is fetched from elsewhere.
"use strict";

(() => {
  const ENDPOINT = new URL("/sparql", window.location.origin).href;
  const EXAMPLE = `PREFIX cag: <https://w3id.org/cagraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

# The bilateral ties with the most agreements and events
SELECT ?a ?b ?agreements ?events ?firstDate ?lastDate
WHERE {
  GRAPH <https://w3id.org/cagraph/id/graph/ties> {
    ?tie cag:between ?x, ?y ;
         cag:agreementCount ?agreements ;
         cag:eventCount ?events .
    FILTER (STR(?x) < STR(?y))
    ?x skos:prefLabel ?a .
    ?y skos:prefLabel ?b .
    OPTIONAL { ?tie cag:firstDate ?firstDate }
    OPTIONAL { ?tie cag:lastDate ?lastDate }
  }
}
ORDER BY DESC(?agreements + ?events)
LIMIT 25`;

  function start() {
    const status = document.getElementById("status");
    if (typeof window.Yasgui !== "function") {
      status.textContent = "YASGUI did not load (is api/explorer/node_modules installed?)";
      document.body.dataset.state = "error";
      return;
    }
    const yasqeDefaults = window.Yasgui.Yasqe.defaults;
    yasqeDefaults.autocompleters = ["prefixes", "variables"];
    yasqeDefaults.prefixCcApi = new URL("/explorer/prefixes.json", window.location.origin).href;
    const yasgui = new window.Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: ENDPOINT, method: "POST" },
      copyEndpointOnNewTab: false,
      persistenceId: null,
      endpointCatalogueOptions: { getData: () => [{ endpoint: ENDPOINT }] },
    });
    const tab = yasgui.getTab();
    tab.setEndpoint(ENDPOINT);
    tab.getYasqe().setValue(EXAMPLE);
    status.textContent = `Queries go to ${ENDPOINT} (the default graph is the union of all graphs).`;
    window.cagraphYasgui = yasgui;
    document.body.dataset.state = "ready";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
