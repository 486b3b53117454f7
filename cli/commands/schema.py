"""`triable schema`: JSON Schema for rubric and case files, for editors and other tools."""

from __future__ import annotations

from enum import StrEnum

import typer


class SchemaKind(StrEnum):
    RUBRIC = "rubric"
    CASE = "case"


def command(
    kind: SchemaKind = typer.Argument(
        ..., help="rubric or case.", metavar="rubric|case", show_default=False
    ),
) -> None:
    """Print the JSON Schema (validation mode) that rubric or case files follow.

    Editors that speak the YAML language server use it through a first line such as
    `# yaml-language-server: $schema=../schema/case.schema.json`.

    Example: triable schema case > schema/case.schema.json
    """
    typer.echo(schema_text(kind))


def schema_text(kind: SchemaKind) -> str:
    """The schema as committed under schema/: stable key order, two-space indent."""
    import json

    from pydantic import TypeAdapter

    from triable.engine.model.case import Case
    from triable.engine.model.rubric import RubricDocument

    model = RubricDocument if kind is SchemaKind.RUBRIC else Case
    schema = TypeAdapter(model).json_schema(mode="validation")
    title = "triable rubric file" if kind is SchemaKind.RUBRIC else "triable case file"
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
