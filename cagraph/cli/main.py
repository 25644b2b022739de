"""The ``cagraph`` command. Each sub-command lives in its own module and registers itself here.

Help is plain text that click wraps to the terminal's width (no Rich panels, no type names after
the flags). A :class:`CagraphError` — a user's mistake or a problem the user can fix — ends any
command with one line on stderr (``error: <where>: <what> (<what to do>)``) and exit code 2,
under the CLI runner as from the shell.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from cagraph import __version__
from cagraph.errors import CagraphError

ERROR_EXIT = 2


def error_line(exc: CagraphError) -> str:
    return "error: " + " ".join(str(exc).split())


class CagraphCommand(TyperCommand):
    """A command whose help lists arguments and options the way click does (``--store DIR|URL``,
    flags bare), without the Python type of each parameter."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if getattr(param, "hidden", False):
                continue
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "argument").upper()
                if param.nargs != 1 and not name.endswith("..."):
                    name += "..."
                arguments.append((name, getattr(param, "help", None) or ""))
            elif param.param_type_name == "option":
                if param.metavar is None and not getattr(param, "is_flag", False):
                    param.metavar = (param.name or "value").upper()
                record = param.get_help_record(ctx)
                if record is not None:
                    options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class CagraphGroup(TyperGroup):
    """The command group: a CagraphError from any command is one line and exit code 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CagraphError as exc:
            typer.echo(error_line(exc), err=True)
            ctx.exit(ERROR_EXIT)


app = typer.Typer(
    name="cagraph",
    cls=CagraphGroup,
    help="Turn news articles about regional cooperation into a knowledge graph.\n\n"
    "Every command has its own --help. Settings come from CAGRAPH_* environment variables "
    "(see cagraph/settings.py); a command's options override them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cagraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """cagraph: articles -> extraction -> RDF graph -> SPARQL/REST service."""


def _register() -> None:
    from cagraph.cli import build_cmds, evaluate, export_cmds, extract, serve, store_cmds

    for module in (extract, evaluate, store_cmds, build_cmds, export_cmds, serve):
        module.register(app)
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = CagraphCommand


_register()


def main() -> None:
    try:
        app()
    except CagraphError as exc:  # raised outside a command (while parsing, say)
        typer.echo(error_line(exc), err=True)
        sys.exit(ERROR_EXIT)
