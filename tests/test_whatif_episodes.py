"""`triable whatif --set EPISODE.ATTR=VALUE`: a change in one episode alone, and `whatif`
and `pivots` naming the episode a change or a pivot belongs to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import run_triable

from triable.cli import session
from triable.engine.episodes import record_of
from triable.engine.errors import UsageError
from triable.engine.record import build_record
from triable.engine.whatif import apply_edits, parse_assignment

ROOT = Path(__file__).resolve().parent.parent
TRACY = ROOT / "cases" / "tracy_v_freshwater.yaml"
LATE = ROOT / "cases" / "ali_late_bystander.yaml"
SEED = ROOT / "cases" / "ali_v_ramos.yaml"


def test_a_change_in_one_episode_changes_that_episode_alone() -> None:
    ran = run_triable("whatif", str(TRACY), "--set", "pepper_spray.plaintiff_resistance=active")
    assert ran.code == 0, ran.output
    assert (
        "set pepper_spray.plaintiff_resistance = active (in the pepper spray after he was "
        "handcuffed only;" in ran.out
    )
    assert (
        "Excessive force — Parker J. Freshwater — as to the pepper spray after he was "
        "handcuffed" in ran.out
    )
    assert "as to the flashlight blows" not in ran.out


def test_the_same_change_for_the_whole_case_reaches_every_episode() -> None:
    whole = run_triable("whatif", str(TRACY), "--set", "plaintiff_resistance=none", "-f", "json")
    one = run_triable(
        "whatif", str(TRACY), "--set", "pepper_spray.plaintiff_resistance=none", "-f", "json"
    )
    assert whole.code == one.code == 0
    episodes_whole = {c["episode"] for c in json.loads(whole.out)["changes"]}
    episodes_one = {c["episode"] for c in json.loads(one.out)["changes"]}
    assert "the flashlight blows during the struggle" in episodes_whole
    assert "the flashlight blows during the struggle" not in episodes_one


def test_a_value_for_each_bystander_in_one_episode_flips_the_one_it_changes() -> None:
    ran = run_triable(
        "whatif",
        str(LATE),
        "--set",
        "blows.time_to_intervene=knowles:ample,ramos:brief",
        "-f",
        "json",
    )
    assert ran.code == 0, ran.output
    data = json.loads(ran.out)
    flipped = {
        (c["claim"], c["defendant"], c["episode"]): (c["before"], c["after"])
        for c in data["changes"]
        if c["kind"] == "claim"
    }
    assert flipped[("failure_to_intervene", "ramos", None)] == ("granted", "denied")
    assert flipped[("failure_to_intervene", "ramos", "the blows in the holding pen")] == (
        "granted",
        "denied",
    )
    assert not any(key[1] == "knowles" for key in flipped)


def test_a_party_value_may_name_a_non_party() -> None:
    ran = run_triable("whatif", str(LATE), "--set", "blows.force_applied_by=ramos,dunn")
    assert ran.code == 0, ran.output
    assert "set blows.force_applied_by = dunn, ramos" in ran.out


@pytest.mark.parametrize(
    ("case", "assignment", "message"),
    [
        (
            TRACY,
            "peper_spray.plaintiff_resistance=active",
            "U006 unknown episode 'peper_spray' in 'peper_spray.plaintiff_resistance=active' "
            "(did you mean 'pepper_spray'?); the episodes of 'Tracy v. Freshwater' are: "
            "flashlight, pepper_spray",
        ),
        (
            SEED,
            "cuffing.force_kind=weapon",
            "U006 'Ali v. Ramos' lists no episodes, so 'cuffing.force_kind=weapon' names none "
            "of them; set the attribute for the whole case without an episode",
        ),
        (
            TRACY,
            "pepper_spray.crime_severity=minor",
            "U006 'crime_severity' is the same for every episode of the case; set it without "
            "an episode: --set crime_severity=minor",
        ),
        (
            TRACY,
            "pepper_spray.plaintiff_resistence=active",
            "U001 unknown attribute 'plaintiff_resistence' (did you mean 'plaintiff_resistance'?)",
        ),
        (
            LATE,
            "blows.time_to_intervene=knowls:ample",
            "U002 unknown party 'knowls' in 'time_to_intervene' (did you mean 'knowles'?)",
        ),
        (
            LATE,
            "blows.time_to_intervene=knowles:lots",
            "U002 'lots' is not a value of 'time_to_intervene'",
        ),
    ],
)
def test_a_bad_episode_assignment_says_what_to_write(
    case: Path, assignment: str, message: str
) -> None:
    ran = run_triable("whatif", str(case), "--set", assignment)
    assert ran.code == 2
    assert message in ran.err
    assert "Traceback" not in ran.output


def test_an_episode_change_keeps_what_case_wide_facts_say_in_the_other_episodes() -> None:
    library = session.library(None)
    case = session.case(TRACY, library)
    edit = parse_assignment(library, "flashlight.force_deliberate=false", None, case)
    changed = apply_edits(case, library, [edit])

    def value(episode: str) -> object:
        record = build_record(record_of(changed, episode), library)
        return {v.value for v in record.non_movant["force_deliberate"]}

    assert value("flashlight") == {False}
    assert value("pepper_spray") == {True}


def test_an_assignment_naming_an_episode_needs_a_case() -> None:
    library = session.library(None)
    with pytest.raises(UsageError):
        parse_assignment(library, "blows.force_deliberate=true")


def test_pivots_name_the_episode_of_each_pivot() -> None:
    ran = run_triable("pivots", str(TRACY), "-f", "json")
    assert ran.code == 0
    pivots = json.loads(ran.out)["pivots"]
    assert pivots and all(p["episode"] in ("flashlight", "pepper_spray") for p in pivots)
    text = run_triable("pivots", str(TRACY))
    assert "the pepper spray after he was handcuffed: " in text.out
