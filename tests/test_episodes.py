"""Episodes: each use of force decided on its own facts and the case-wide ones, and a claim
over several episodes granted, denied, or granted in part."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from cli_run import run_triable

from triable.cli import session
from triable.cli.app import main
from triable.engine.episodes import record_of
from triable.engine.evaluate import Engine
from triable.engine.library import Library
from triable.engine.model.case import Case
from triable.engine.model.report import ClaimResult, Report

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
SEED = CASES / "ali_v_ramos.yaml"
PUNCH = CASES / "ali_holding_pen_punch.yaml"
TRACY = CASES / "tracy_v_freshwater.yaml"


@cache
def library() -> Library:
    return session.library(None)


def report_of(path: Path) -> Report:
    return Engine(library()).evaluate(session.case(path, library()))


def claim(report: Report, claim_id: str, defendant: str) -> ClaimResult:
    return next(c for c in report.claims if (c.claim, c.defendant) == (claim_id, defendant))


def by_episode(result: ClaimResult) -> dict[str, str]:
    return {p.episode.id: p.outcome.value for p in result.episodes if p.episode}


def test_a_claim_survives_where_any_episode_does_and_is_granted_in_part_otherwise() -> None:
    report = report_of(PUNCH)
    ramos = claim(report, "excessive_force", "ramos")
    assert ramos.outcome.value == "granted_in_part"
    assert by_episode(ramos) == {"cuffing": "denied", "punch": "granted"}
    assert "survives as to the handcuffing in the courtroom" in ramos.explanation
    assert "fails as to the punch in the holding pen" in ramos.explanation
    knowles = claim(report, "excessive_force", "knowles")
    assert knowles.outcome.value == "denied"
    assert by_episode(knowles) == {"cuffing": "denied", "punch": "denied"}


def test_an_episode_is_decided_on_its_own_facts_and_the_case_wide_ones() -> None:
    """The handcuffing episode of the punch variant holds the seed's record: each claim on
    it comes out as the seed's does, element by element."""
    seed = report_of(SEED)
    punch = report_of(PUNCH)
    for seed_claim in seed.claims:
        if seed_claim.outcome.value == "dismissed":
            continue
        whole = claim(punch, seed_claim.claim, seed_claim.defendant)
        cuffing = next(p for p in whole.episodes if p.episode and p.episode.id == "cuffing")
        assert cuffing.outcome == seed_claim.outcome
        assert [(e.id, e.status) for e in cuffing.elements] == [
            (e.id, e.status) for e in seed_claim.elements
        ]


def test_a_bystander_is_judged_by_what_happened_in_the_episode_he_watched() -> None:
    report = report_of(PUNCH)
    ramos = claim(report, "failure_to_intervene", "ramos")
    punch = next(p for p in ramos.episodes if p.episode and p.episode.id == "punch")
    statuses = {e.id: e.status.value for e in punch.elements}
    # On Ali's account Knowles's punch is a violation by another officer (Knowles's own
    # account, that he only held Ali's arm as Ali pulled away, disputes it), but one sudden
    # blow left no realistic opportunity to step in.
    assert statuses["underlying_violation"] == "genuine_dispute"
    assert statuses["realistic_opportunity"] == "not_met"


def test_record_of_keeps_only_the_episode_and_case_wide_facts() -> None:
    case = session.case(PUNCH, library())
    punch = record_of(case, "punch")
    assert "knowles_punched_seated_ali" in punch.facts
    assert "pretrial_detention" in punch.facts  # case-wide
    assert "key_twisted_as_weapon" not in punch.facts  # the handcuffing episode's
    assert not punch.episodes and punch.expected is None


def test_a_defense_is_decided_per_episode_and_said_once_for_a_dismissed_claim() -> None:
    report = report_of(PUNCH)
    keyed = {
        (d.claim, d.defendant, d.episode.id if d.episode else None): d.outcome.value
        for d in report.defenses
    }
    assert keyed[("excessive_force", "knowles", "punch")] == "denied"
    assert keyed[("excessive_force", "ramos", "punch")] == "not_reached"
    assert keyed[("excessive_force", "still", None)] == "not_reached"
    assert ("excessive_force", "still", "punch") not in keyed


def _without_episodes(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("expected", None)
    return data


def test_a_case_without_episodes_reports_none() -> None:
    report = report_of(SEED)
    assert not report.episodes
    assert all(not c.episodes and c.episode is None for c in report.claims)
    assert all(d.episode is None for d in report.defenses)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_names_each_episode(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    assert main(["check", str(TRACY), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    flat = " ".join(text.split())
    assert "the flashlight blows during the struggle" in flat
    assert "the pepper spray after he was handcuffed" in flat
    assert "granted in part" in flat.lower()


def test_json_reports_granted_in_part_with_each_episode() -> None:
    ran = run_triable("check", str(TRACY), "--format", "json")
    assert ran.code == 0, ran.output
    data = json.loads(ran.out)
    assert data["report_version"] == 2
    assert [e["id"] for e in data["episodes"]] == ["flashlight", "pepper_spray"]
    [whole] = data["claims"]
    assert whole["outcome"] == "granted_in_part"
    assert [(p["episode"]["id"], p["outcome"]) for p in whole["episodes"]] == [
        ("flashlight", "granted"),
        ("pepper_spray", "denied"),
    ]


def test_the_order_of_episodes_in_the_file_changes_nothing(tmp_path: Path) -> None:
    data = _without_episodes(TRACY)
    data["episodes"] = dict(reversed(list(data["episodes"].items())))
    data["facts"] = dict(reversed(list(data["facts"].items())))
    shuffled = tmp_path / "tracy.yaml"
    shuffled.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    original = Engine(library()).evaluate(Case.model_validate(_without_episodes(TRACY)))
    again = Engine(library()).evaluate(session.case(shuffled, library()))
    assert [(c.claim, c.outcome, by_episode(c)) for c in again.claims] == [
        (c.claim, c.outcome, by_episode(c)) for c in original.claims
    ]


def test_an_unidentified_assailant_does_not_defeat_the_claim_against_who_watched() -> None:
    """Figueroa v. Mazza: the violation a bystander failed to stop may be anyone's."""
    report = report_of(CASES / "ali_unidentified_officer.yaml")
    knowles = claim(report, "failure_to_intervene", "knowles")
    blows = next(p for p in knowles.episodes if p.episode and p.episode.id == "blows")
    assert blows.outcome.value == "denied"
    underlying = next(e for e in blows.elements if e.id == "underlying_violation")
    assert underlying.status.value == "undisputed_met"
    assert any(t.defendant == "unidentified_officer" and t.holds_for_non_movant
               for t in underlying.depends_on)  # fmt: skip
    # No defendant threw the blows: excessive force fails against Knowles as to them.
    force = claim(report, "excessive_force", "knowles")
    assert by_episode(force) == {"cuffing": "denied", "blows": "granted"}


def test_an_episode_is_about_every_defendant_its_facts_may_name() -> None:
    data = _without_episodes(TRACY)
    data["defendants"]["meskill"] = {"name": "Peter Meskill", "role": "Deputy Sheriff"}
    data["claims"][0]["against"].append("meskill")
    spray = data["facts"]["sprayed_when_cuffed"]["establishes"]
    spray["force_applied_by"] = {"at_least_one_of": ["freshwater", "meskill"]}
    report = Engine(library()).evaluate(Case.model_validate(data))
    meskill = claim(report, "excessive_force", "meskill")
    # Named only as one who may have sprayed: the claim against him is about that episode.
    assert set(by_episode(meskill)) == {"pepper_spray"}
