"""The terminal report: plain when piped or under NO_COLOR, the same bytes every time."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from browser import SEED, factors_report, granted_report, library, seed_report

from triable.cli.app import main
from triable.cli.render import text

ANSI = "\x1b["


@pytest.fixture(scope="module")
def seed_text() -> str:
    return text.render([seed_report()], colour=False, width=100)


def test_piped_output_is_plain_and_100_wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    out = text.render([seed_report()])
    assert ANSI not in out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert out == text.render([seed_report()], colour=False, width=100)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_colour_unless_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert ANSI in text.render([seed_report()])
    monkeypatch.setenv("NO_COLOR", "1")
    assert ANSI not in text.render([seed_report()])


def test_the_procedure_comes_first_and_qualified_immunity_last(seed_text: str) -> None:
    first = seed_text.index(
        "Local Civil Rule 56.1 (S.D.N.Y. and E.D.N.Y.): assiduous review of the record"
    )
    dismissed = seed_text.index("Dismissed, not evaluated")
    set_aside = seed_text.index("Evidence set aside")
    claim = seed_text.index("Excessive force — Bruce Knowles: SUMMARY JUDGMENT DENIED")
    qi = seed_text.index("Qualified immunity ─")
    assert first < dismissed < set_aside < claim < qi
    assert seed_text.rindex("SUMMARY JUDGMENT DENIED") < qi
    assert "[holtz_2001 at 73; headley_2010 at *4]" in seed_text


def test_each_claim_shows_test_why_elements_and_disputes(seed_text: str) -> None:
    for title in (
        "Excessive force — Bruce Knowles: SUMMARY JUDGMENT DENIED",
        "Excessive force — T. Eleazar Ramos: SUMMARY JUDGMENT DENIED",
        "Failure to intervene — Bruce Knowles: SUMMARY JUDGMENT DENIED",
        "Failure to intervene — T. Eleazar Ramos: SUMMARY JUDGMENT DENIED",
    ):
        assert title in seed_text
    assert "Test: Handcuffing test (Cugini)" in seed_text
    assert "Why this test:" in seed_text
    assert "  MET          The defendant personally used the force" in seed_text
    assert "  DISPUTED     Unreasonably tight handcuffs" in seed_text
    assert "Material dispute: Were the handcuffs unreasonably tight" in seed_text
    assert "• Eric Ali: yes — " in seed_text
    assert "• The defendants: no — " in seed_text
    assert "(Pl. Tr. 82:5-16)" in seed_text
    assert "usavage_2013 at 595" in seed_text


def test_qualified_immunity_per_defendant_and_claim(seed_text: str) -> None:
    qi = seed_text[seed_text.index("Qualified immunity ─") :]
    assert "T. Eleazar Ramos on excessive force: denied" in qi
    assert "Bruce Knowles on failure to intervene: denied" in qi
    assert "Stewart Still" in qi
    assert "not reached" in qi


def test_a_granted_claim_shows_the_failing_element() -> None:
    out = text.render([granted_report()], colour=False, width=100)
    assert "Excessive force — Bruce Knowles: SUMMARY JUDGMENT GRANTED" in out
    assert "  NOT MET      Injury beyond temporary discomfort" in out
    assert "  NOT REACHED  A realistic opportunity to intervene" in out


def test_a_factors_test_shows_each_factor() -> None:
    out = text.render([factors_report()], colour=False, width=100)
    # The rule that struck the balance, with its cites, never a score.
    assert (
        "Balance: No stated rule decides, and on the non-movant's facts some consideration "
        "favours him" in out
    )
    assert "Weighed: score" not in out
    assert "PLAINTIFF" in out
    assert "NEUTRAL" in out


def test_with_the_library_cites_by_name() -> None:
    out = text.render([seed_report()], library=library(), colour=False, width=100)
    assert "Holtz v. Rockefeller & Co., 258 F.3d at 73" in " ".join(out.split())


def test_same_report_same_bytes(seed_text: str) -> None:
    assert text.render([seed_report()], colour=False, width=100) == seed_text
    assert all(line == line.rstrip() for line in seed_text.splitlines())


def test_check_prints_the_text_report_plain_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert ANSI not in out
    assert "Excessive force — T. Eleazar Ramos: SUMMARY JUDGMENT DENIED" in out


def test_installed_command_piped_has_no_escapes() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "triable"), "check", str(SEED), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "FORCE_COLOR": "1", "COLUMNS": "40"},
    )
    assert done.returncode == 0, done.stderr
    assert ANSI not in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 100
    assert "Local Civil Rule 56.1" in done.stdout.splitlines()[4]
