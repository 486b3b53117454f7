"""A defense reads in its rubric's words, under its own heading, beside any other defense."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from triable.cli.app import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
TOY_WAIVER = ROOT / "tests" / "fixtures" / "defenses" / "toy_waiver.yaml"


@pytest.fixture(scope="module")
def two_defenses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The seed case with a toy waiver raised beside qualified immunity, reported in each
    format against the bundled law plus the toy defense."""
    folder = tmp_path_factory.mktemp("two_defenses")
    rubrics = folder / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics)
    shutil.copy(TOY_WAIVER, rubrics / "tests" / TOY_WAIVER.name)
    data: dict[str, Any] = yaml.safe_load((ROOT / "cases" / "ali_v_ramos.yaml").read_text())
    data.pop("expected", None)
    data["defenses"].append(
        {"defense": "toy_waiver", "raised_by": ["ramos", "knowles", "still"], "cite": "ECF 9"}
    )
    case = folder / "case.yaml"
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    out = {}
    for fmt in ("text", "markdown", "html"):
        written = folder / f"report.{fmt}"
        args = ["check", str(case), "--rubrics", str(rubrics), "--format", fmt]
        assert main([*args, "-o", str(written)]) == 0
        out[fmt] = written.read_text()
    return out


def test_text_gives_each_defense_its_own_heading_and_words(two_defenses: dict[str, str]) -> None:
    text = two_defenses["text"]
    golden = (GOLDEN / "ali_v_ramos.text").read_text()
    # Qualified immunity, the first defense by id, reads exactly as it does alone.
    assert text.startswith(golden)
    toy = text[len(golden) :]
    assert re.match(r"Toy waiver ─+\n", toy)
    assert "Qualified immunity" not in toy
    assert "Toy waiver" not in golden
    sentences = " ".join(toy.split())
    assert (
        "The toy waiver cannot yet excuse T. Eleazar Ramos on the excessive force claim: "
        "whether Eric Ali complained is disputed." in sentences
    )
    assert (
        "The toy waiver is not considered for Stewart Still on the excessive force claim, "
        "since the claim is dismissed." in sentences
    )


def test_markdown_gives_each_defense_its_own_section(two_defenses: dict[str, str]) -> None:
    md = two_defenses["markdown"]
    golden = (GOLDEN / "ali_v_ramos.markdown").read_text()
    sections = re.findall(r"^## (.+)$", md, flags=re.M)
    assert sections[-3:] == ["VII. Qualified immunity", "VIII. Toy waiver", "Table of authorities"]
    qi_start = md.index("## VII. Qualified immunity")
    toy_start = md.index("## VIII. Toy waiver")
    table = md.index("## Table of authorities")
    # Everything but the toy's own section is as the seed's report has it.
    assert md[:toy_start] + md[table:] == golden
    toy = md[toy_start:table]
    assert "Qualified immunity" not in toy
    assert "The toy waiver" not in md[qi_start:toy_start]
    assert (
        "### Bruce Knowles — excessive force: denied\n\nThe toy waiver cannot yet excuse Bruce "
        "Knowles on the excessive force claim: whether Eric Ali complained is disputed." in toy
    )
    assert (
        "- The toy waiver is not considered for Bruce Knowles on the deliberate indifference "
        "to medical needs claim, since the claim is dismissed." in toy
    )


def test_html_gives_each_defense_its_own_section(two_defenses: dict[str, str]) -> None:
    page = two_defenses["html"]
    titles = re.findall(
        r'<section class="claim defense" id="defense-(\w+)">\s*'
        r'<h2 class="claim-title">([^<]+)</h2>',
        page,
    )
    assert titles == [("qualified_immunity", "Qualified immunity"), ("toy_waiver", "Toy waiver")]
    toy = page[page.index('id="defense-toy_waiver"') :]
    assert "Qualified immunity" not in toy
    assert "The toy waiver cannot yet excuse Bruce Knowles on the excessive force claim" in toy
