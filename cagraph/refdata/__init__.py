"""Reference data: countries, organisations, places, titles, leaders and regional formats.

``load_reference()`` reads and validates ``data/`` once per folder; ``lookup_country("KAZ")`` and
its siblings answer case- and accent-insensitive name lookups.
"""

from cagraph.refdata.index import (
    ReferenceIndex,
    build_index,
    get_index,
    lookup_country,
    lookup_leader,
    lookup_organization,
    lookup_place,
    lookup_region,
    lookup_title,
)
from cagraph.refdata.load import clear_cache, load_reference, normalize, read_reference
from cagraph.refdata.model import (
    Country,
    Leader,
    Organization,
    Place,
    ReferenceData,
    RegionalFormat,
    Term,
    Title,
)

__all__ = [
    "Country",
    "Leader",
    "Organization",
    "Place",
    "ReferenceData",
    "ReferenceIndex",
    "RegionalFormat",
    "Term",
    "Title",
    "build_index",
    "clear_cache",
    "get_index",
    "load_reference",
    "lookup_country",
    "lookup_leader",
    "lookup_organization",
    "lookup_place",
    "lookup_region",
    "lookup_title",
    "normalize",
    "read_reference",
]
