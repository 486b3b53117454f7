"""`triable schema`: the committed schemas match the models, and the shipped files fit them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triable.cli.app import main
from triable.cli.commands.schema import SchemaKind, schema_text
from triable.cli.yaml_source import load

ROOT = Path(__file__).parents[1]
REGENERATE = "regenerate it: triable schema {kind} > schema/{kind}.schema.json"


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_committed_schema_matches_the_models(kind: SchemaKind) -> None:
    committed = (ROOT / "schema" / f"{kind}.schema.json").read_text()
    assert committed == schema_text(kind) + "\n", (
        f"schema/{kind}.schema.json has drifted from the models; " + REGENERATE.format(kind=kind)
    )


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_schema_command_prints_it(kind: SchemaKind, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", kind.value]) == 0
    out = capsys.readouterr().out
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert out == (ROOT / "schema" / f"{kind}.schema.json").read_text()


def test_schema_names_the_kinds() -> None:
    case = json.loads(schema_text(SchemaKind.CASE))
    assert case["properties"]["kind"]["const"] == "case"
    assert case["additionalProperties"] is False
    rubric = json.loads(schema_text(SchemaKind.RUBRIC))
    kinds = set(rubric["discriminator"]["mapping"])
    assert kinds == {"authorities", "attributes", "test", "claim", "summary_judgment"}


def test_an_unknown_schema_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "report"]) == 2
    _, err = capsys.readouterr()
    assert "rubric" in err and "case" in err
    assert "Traceback" not in err


def test_shipped_files_carry_the_modeline() -> None:
    for path in sorted((ROOT / "rubrics").rglob("*.yaml")):
        depth = len(path.relative_to(ROOT).parts) - 1
        expected = f"# yaml-language-server: $schema={'../' * depth}schema/rubric.schema.json"
        assert path.read_text().splitlines()[0] == expected, path
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        expected = "# yaml-language-server: $schema=../schema/case.schema.json"
        assert path.read_text().splitlines()[0] == expected, path


def test_shipped_files_fit_their_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    checkers = {}
    for kind in SchemaKind:
        schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text())
        checkers[kind] = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.FormatChecker()
        )
    files = [(SchemaKind.RUBRIC, p) for p in sorted((ROOT / "rubrics").rglob("*.yaml"))]
    files += [(SchemaKind.CASE, p) for p in sorted((ROOT / "cases").glob("*.yaml"))]
    files.append((SchemaKind.CASE, ROOT / "tests" / "fixtures" / "valid" / "small_case.yaml"))
    for kind, path in files:
        errors = [e.message for e in checkers[kind].iter_errors(load(path).data)]
        assert errors == [], path
