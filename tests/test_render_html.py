"""The html report: one self-contained, escaped page with a node per element, factor and prong."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import SEED, evaluate, factors_report, granted_report, library, seed_data, seed_report

from triable.cli.app import main
from triable.cli.render import html


@pytest.fixture(scope="module")
def seed_html() -> str:
    return html.render([seed_report()])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def classes_of(page: str, name: str) -> list[str]:
    return [
        attrs.get("class") or ""
        for _, attrs in tags(page)
        if name in (attrs.get("class") or "").split()
    ]


def test_the_page_is_self_contained_and_scriptless(seed_html: str) -> None:
    assert seed_html.startswith("<!DOCTYPE html>")
    names = {tag for tag, _ in tags(seed_html)}
    assert not names & {"script", "link", "img", "iframe", "object", "embed"}
    assert "http://" not in seed_html and "https://" not in seed_html
    assert "url(" not in seed_html and "@import" not in seed_html
    assert "@media print" in seed_html
    assert "break-before: page" in seed_html


def test_a_node_per_element_coloured_by_status(seed_html: str) -> None:
    nodes = classes_of(seed_html, "node")
    report = seed_report()
    live = [c for c in report.claims if c.elements]
    prongs = sum(len(d.prongs) for d in report.defenses if d.outcome != "not_reached")
    assert len(nodes) == sum(len(c.elements) for c in live) + prongs
    assert nodes.count("node st-genuine_dispute") > 0
    assert nodes.count("node st-undisputed_met") > 0
    assert "Unreasonably tight handcuffs" in seed_html
    for status in ("undisputed_met", "genuine_dispute", "not_met", "not_reached"):
        assert f".st-{status}" in seed_html  # in the legend's stylesheet


def test_disputes_beside_the_nodes_with_both_sides_cites(seed_html: str) -> None:
    assert len(classes_of(seed_html, "finding")) == len(classes_of(seed_html, "node"))
    assert "Were the handcuffs unreasonably tight under the circumstances?" in seed_html
    assert "(Pl. Tr. 82:5-16)" in seed_html
    assert "(Defs. 56.1 ¶¶ 28, 30)" in seed_html
    assert "usavage_2013 at 595" in seed_html


def test_order_procedure_claims_then_qualified_immunity(seed_html: str) -> None:
    rule = seed_html.index(
        "Local Civil Rule 56.1 (S.D.N.Y. and E.D.N.Y.): assiduous review of the record"
    )
    claim = seed_html.index('id="claim-excessive_force"')
    qi = seed_html.index('id="defenses"')
    assert rule < claim < qi
    assert seed_html.rindex('class="against" id="claim-') < qi


def test_everything_from_the_report_is_escaped() -> None:
    data = seed_data()
    data["caption"] = "Ali <b>v.</b> Ramos"
    data["facts"]["key_twisted_as_weapon"]["text"] = "<script>alert('x')</script> & the key"
    page = html.render([evaluate(data)])
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; the key" in page
    assert "Ali &lt;b&gt;v.&lt;/b&gt; Ramos" in page


def test_a_granted_claim_is_red_and_names_the_failing_element() -> None:
    page = html.render([granted_report()])
    assert "node st-not_met" in classes_of(page, "node")
    assert "node st-not_reached" in classes_of(page, "node")
    assert "outcome oc-granted" in page
    assert "Injury beyond temporary discomfort" in page


def test_a_factors_test_colours_factors_by_leaning() -> None:
    page = html.render([factors_report()])
    nodes = classes_of(page, "node")
    assert "node ln-plaintiff" in nodes
    assert "node ln-neutral" in nodes
    assert "balance struck by the rules a court states" in page
    assert (
        "No stated rule decides, and on the non-movant&#39;s facts some consideration favours him"
        in page
    )
    assert "score on the non-movant" not in page


def test_with_the_library_cites_by_name_and_lists_the_authorities() -> None:
    page = html.render([seed_report()], library=library())
    assert (
        "<i>Usavage v. Port Authority of New York &amp; New Jersey</i>, 932 F. Supp. 2d at 595"
        in (page)
    )
    assert "Table of authorities" in page
    assert "<code>usavage_2013</code>" in page


def test_same_report_same_bytes(seed_html: str) -> None:
    assert html.render([seed_report()]) == seed_html


def test_several_reports_make_one_page() -> None:
    page = html.render([seed_report(), granted_report()])
    assert page.count("<html") == 1
    assert len(re.findall(r'<article class="report">', page)) == 2


def test_check_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["check", str(SEED), "--format", "html", "--output", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Table of authorities" in page
