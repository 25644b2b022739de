"""Colours and sizes of nodes and edges, shared by the GEXF, Cytoscape.js and D3 exports and the
explorer, so the same country has the same colour everywhere.

Countries are coloured by region (Central Asia stands out), other nodes by type. Node size grows
with the square root of the weighted degree; edge thickness with the square root of the weight.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

REGION_COLOURS: dict[str, str] = {
    "Central Asia": "#d62728",
    "Europe": "#1f77b4",
    "East Asia": "#ff7f0e",
    "South Asia": "#2ca02c",
    "Southeast Asia": "#17becf",
    "Middle East": "#9467bd",
    "South Caucasus": "#8c564b",
    "North America": "#e377c2",
    "Central America": "#bcbd22",
    "South America": "#7f7f7f",
    "Caribbean": "#aec7e8",
    "North Africa": "#c49c94",
    "Sub-Saharan Africa": "#98df8a",
    "Oceania": "#ffbb78",
    "Antarctica": "#c7c7c7",
}
OTHER_REGION = "#b0b0b0"

TYPE_COLOURS: dict[str, str] = {
    "Country": "#d62728",
    "Person": "#2ca02c",
    "Organization": "#1f77b4",
    "Agent": "#7f7f7f",
    "Agreement": "#ff7f0e",
    "Event": "#9467bd",
}

EDGE_COLOURS: dict[str, str] = {
    "agreements": "#e6550d",  # a tie with at least one agreement
    "events": "#756bb1",  # a tie with events only
    "reported": "#bdbdbd",  # a tie reported, with no act counted
    "party": "#ff7f0e",
    "participant": "#9467bd",
    "signatory": "#2ca02c",
    "role": "#1f77b4",
    "country": "#bdbdbd",
}


def region_colour(region: str | None) -> str:
    return REGION_COLOURS.get(region or "", OTHER_REGION)


def node_colour(data: Mapping[str, Any]) -> str:
    """Countries by region, everything else by type."""
    if data.get("type") == "Country" and data.get("region") is not None:
        return region_colour(str(data["region"]))
    return TYPE_COLOURS.get(str(data.get("type")), OTHER_REGION)


def _amount(value: Any) -> float:
    """A non-negative finite number from an attribute (anything else counts as 0)."""
    try:
        number = float(value or 0)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) and number > 0 else 0.0


def node_size(data: Mapping[str, Any]) -> float:
    return round(8.0 + 6.0 * math.sqrt(_amount(data.get("weighted_degree"))), 2)


def edge_colour(data: Mapping[str, Any]) -> str:
    relation = str(data.get("relation", ""))
    if relation in EDGE_COLOURS:
        return EDGE_COLOURS[relation]
    if data.get("agreements"):
        return EDGE_COLOURS["agreements"]
    if data.get("events"):
        return EDGE_COLOURS["events"]
    return EDGE_COLOURS["reported"]


def edge_thickness(data: Mapping[str, Any]) -> float:
    return round(1.0 + 1.5 * math.sqrt(_amount(data.get("weight"))), 2)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """``#d62728`` -> (214, 39, 40)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
