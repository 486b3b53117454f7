"""The markdown report reads like an opinion's discussion: 56.1 first, the claims, QI last."""

from __future__ import annotations

import re

import pytest
from browser import SEED, factors_report, granted_report, library, seed_report

from triable.cli.app import main
from triable.cli.render import markdown


@pytest.fixture(scope="module")
def seed_md() -> str:
    return markdown.render([seed_report()])


def headings(text: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", text, flags=re.M)


def test_the_56_1_treatment_and_the_dismissals_come_first(seed_md: str) -> None:
    sections = headings(seed_md, 2)
    assert sections[0] == "I. Local Civil Rule 56.1 (S.D.N.Y. and E.D.N.Y.)"
    assert sections[1] == "II. Dismissals and concessions"
    assert "**Treatment: assiduous review of the record.**" in seed_md
    assert "holtz_2001 at 73" in seed_md
    assert "Excessive force against Stewart Still is dismissed as conceded" in seed_md


def test_qualified_immunity_comes_last(seed_md: str) -> None:
    sections = headings(seed_md, 2)
    assert sections[-1].endswith("Qualified immunity")
    assert [s for s in sections if "Excessive force" in s or "Failure to intervene" in s]
    qi = seed_md.index("Qualified immunity denied to T. Eleazar Ramos on the excessive force claim")
    assert qi > seed_md.index("**Conclusion.**")
    # Only binding precedent clearly establishes the law (Pabon): here Johnson v. Glick.
    assert "Clearly established by: johnson_glick_1973 at 1033." in seed_md


def test_each_live_claim_has_issue_rule_application_conclusion(seed_md: str) -> None:
    against = headings(seed_md, 3)
    assert "A. Against Bruce Knowles" in against
    assert "B. Against T. Eleazar Ramos" in against
    for part in ("**Issue.**", "**Rule.**", "**Application.**", "**Conclusion.**"):
        assert seed_md.count(part) == 4
    assert "Test applied: **Handcuffing test (Cugini)**" in seed_md
    assert "The force challenged is handcuffing, or handcuffs used as a weapon" in seed_md


def test_application_gives_both_sides_facts_cites_and_pins(seed_md: str) -> None:
    assert "***Unreasonably tight handcuffs*** — genuine dispute." in seed_md
    assert "***The defendant personally used the force*** — met, undisputed." in seed_md
    assert "(particularly important)" in seed_md
    assert "**Material dispute: Were the handcuffs unreasonably tight" in seed_md
    assert "- Eric Ali: **yes** — " in seed_md
    assert "- The defendants: **no** — " in seed_md
    assert "(Pl. Tr. 82:5-16)" in seed_md
    assert "(Defs. 56.1 ¶¶ 28, 30)" in seed_md
    assert "usavage_2013 at 595" in seed_md
    assert "sheer force of numbers" in seed_md
    assert "credibility is for the jury" in seed_md
    assert "Material: taking the defendants' answer to this question instead of Eric Ali's" in (
        seed_md
    )


def test_pins_with_stars_are_escaped_so_they_do_not_become_emphasis(seed_md: str) -> None:
    assert r"white_2019 at \*10" in seed_md
    assert "white_2019 at *10" not in seed_md


def test_with_the_library_cites_in_short_form_and_lists_the_authorities() -> None:
    text = markdown.render([seed_report()], library=library())
    assert "*Usavage v. Port Authority of New York & New Jersey*, 932 F. Supp. 2d at 595" in text
    # The pin 2473 is a page of the Supreme Court Reporter, not of United States Reports.
    assert "*Kingsley v. Hendrickson*, 135 S. Ct. at 2473" in text
    assert "*Headley v. Fisher*, 2010 WL 1427585, at \\*4" in text
    assert "Fed. R. Civ. P. 56(a)" in text
    assert headings(text, 2)[-1] == "Table of authorities"
    assert "- *Usavage v. Port Authority of New York & New Jersey*, 932 F. Supp. 2d 575 " in text
    assert "`usavage_2013`" in text


def test_a_granted_claim_names_the_failing_element() -> None:
    text = markdown.render([granted_report()])
    assert "***Injury beyond temporary discomfort*** — not met" in text
    assert "**Conclusion.** Summary judgment granted" in text
    assert "— not reached." in text


def test_a_factors_test_shows_each_factor_and_its_leaning() -> None:
    text = markdown.render([factors_report()])
    assert "favours the plaintiff" in text
    assert (
        "No stated rule decides, and on the non-movant's facts some consideration favours him"
        in text
    )
    assert "The factors are weighed: score" not in text
    assert "its elements and factors:" in text


def test_same_report_same_bytes(seed_md: str) -> None:
    assert markdown.render([seed_report()]) == seed_md
    assert markdown.render([seed_report()], library=library()) == markdown.render(
        [seed_report()], library=library()
    )


def test_several_reports_are_separated() -> None:
    text = markdown.render([seed_report(), granted_report()])
    assert text.count("# Ali v. Ramos\n") == 2
    assert "\n---\n" in text


def test_check_prints_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Ali v. Ramos\n")
    assert "## I. Local Civil Rule 56.1" in out
    assert "Pl. Tr. 82:5-16" in out
