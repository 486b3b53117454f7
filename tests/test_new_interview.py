"""`triable new` as a student runs it: the uses of force, only the questions that matter for
that plaintiff and that force, the levels defined on '?', and nothing lost when input ends."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from cli_run import Ran, run_in_process

from triable.cli import session
from triable.cli.interview import plan
from triable.engine.model.rubric import Attribute

LIBRARY = session.library(None)


def question(attribute: str) -> str:
    return LIBRARY.attributes[attribute].question


def basics(status: str = "arrestee", bystander: bool = True) -> list[str]:
    lines = ["Doe v. Roe", "", "Jane Doe", status, "2019-05-01", "roe:R. Roe:Officer"]
    lines += ["poe:P. Poe:Sergeant", ""] if bystander else [""]
    lines += [""]  # no one else the record names
    lines += ["excessive_force:roe"]
    lines += ["failure_to_intervene:poe", ""] if bystander else [""]
    return lines


def interview(lines: list[str], *argv: str, blanks: int = 80, cwd: Path | None = None) -> Ran:
    """The answers, then blank lines enough to skip every question left."""
    stdin = "\n".join(lines) + "\n" + "\n" * blanks
    return run_in_process("new", *argv, stdin=stdin.encode(), cwd=cwd)


def validates(path: Path) -> None:
    ran = run_in_process("validate", str(path))
    assert ran.code == 0, ran.output
    assert "R022" in ran.output  # the placeholders, as warnings only


# --- the episodes ------------------------------------------------------------------------


def test_asks_for_each_use_of_force_and_names_it_in_its_facts(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    episodes = ["2", "the takedown", "the cuffs"]
    takedown = ["bodily_force", "false", "roe"]  # kind, handcuffs as a weapon, who used force
    ran = interview([*basics(), *episodes, *takedown], "--output", str(path))
    assert ran.code == 0, ran.output
    assert "How many separate uses of force (or events) does the claim challenge?" in ran.out
    assert "Use of force 2 of 2: the cuffs" in ran.out
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert case["episodes"] == {
        "the_takedown": {"label": "the takedown", "order": 1},
        "the_cuffs": {"label": "the cuffs", "order": 2},
    }
    facts = case["facts"]
    assert facts["the_takedown_force_kind"]["episode"] == "the_takedown"
    assert facts["the_takedown_force_kind"]["establishes"] == {"force_kind": "bodily_force"}
    assert facts["the_takedown_force_applied_by"]["establishes"] == {"force_applied_by": ["roe"]}
    assert all(f["text"].startswith("TO BE COMPLETED") for f in facts.values())
    assert all(f["cite"].startswith("TO BE CITED") for f in facts.values())
    validates(path)
    report = run_in_process("check", str(path), "--format", "json")
    assert report.code == 0, report.output
    assert '"the_takedown"' in report.out


def test_one_use_of_force_writes_the_case_as_before(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    ran = interview([*basics(), "1", "handcuffing", "roe"], "--output", str(path))
    assert ran.code == 0, ran.output
    text = path.read_text(encoding="utf-8")
    assert "episodes:" not in text and "episode:" not in text
    assert "  force_kind:\n" in text  # the fact named by its attribute, as before
    validates(path)


def test_episodes_and_their_answers_from_options(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    ran = run_in_process(
        "new", "--no-input", "--output", str(path), "--caption", "Doe v. Roe",
        "--plaintiff", "Jane Doe", "--status", "arrestee", "--incident-date", "2019-05-01",
        "--defendant", "roe:R. Roe:Officer", "--claim", "excessive_force:roe",
        "--episode", "blows:the flashlight blows", "--episode", "spray:the pepper spray",
        "--answer", "crime_severity=serious",
        "--answer", "blows.force_kind=weapon", "--answer", "spray.plaintiff_restrained=true",
    )  # fmt: skip
    assert ran.code == 0, ran.output
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert case["episodes"]["spray"] == {"label": "the pepper spray", "order": 2}
    assert "episode" not in case["facts"]["crime_severity"]
    assert case["facts"]["blows_force_kind"]["episode"] == "blows"
    assert case["facts"]["spray_plaintiff_restrained"]["establishes"] == {
        "plaintiff_restrained": True
    }
    validates(path)


def test_one_episode_from_options_is_the_whole_case(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    ran = run_in_process(
        "new", "--no-input", "--output", str(path), "--caption", "Doe v. Roe",
        "--plaintiff", "Jane Doe", "--status", "arrestee", "--incident-date", "2019-05-01",
        "--defendant", "roe:R. Roe:Officer", "--claim", "excessive_force:roe",
        "--episode", "cuffs:the handcuffing", "--answer", "cuffs.force_kind=handcuffing",
    )  # fmt: skip
    assert ran.code == 0, ran.output
    text = path.read_text(encoding="utf-8")
    assert "episode" not in text
    assert 'force_kind: "handcuffing"' in text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--answer", "spary.force_kind=weapon"], "unknown episode 'spary'"),
        (["--episode", "Spray:the spray"], "'Spray' is not a valid episode id"),
        (["--episode", "spray"], "'spray' is not ID:LABEL"),
    ],
)
def test_a_bad_episode_option_is_one_line(extra: list[str], message: str) -> None:
    ran = run_in_process(
        "new", "--no-input", "--caption", "Doe v. Roe", "--plaintiff", "Jane Doe",
        "--status", "arrestee", "--incident-date", "2019-05-01",
        "--defendant", "roe:R. Roe:Officer", "--claim", "excessive_force:roe",
        "--episode", "blows:the blows", "--episode", "spray:the pepper spray", *extra,
    )  # fmt: skip
    assert ran.code == 2, ran.output
    assert message in ran.err
    assert "Traceback" not in ran.output


# --- only the questions that matter ----------------------------------------------------------


def test_an_arrestee_is_not_asked_the_eighth_amendment_question() -> None:
    ran = interview([*basics("arrestee"), "1"])
    assert ran.code == 0, ran.output
    assert question("force_applied_maliciously") not in ran.out
    assert question("crime_severity") in ran.out  # the arrest's own factors are asked


def test_a_convicted_prisoner_is_asked_it_and_not_the_arrest_factors() -> None:
    ran = interview([*basics("convicted_prisoner"), "1"])
    assert ran.code == 0, ran.output
    assert question("force_applied_maliciously") in ran.out
    assert question("crime_severity") not in ran.out
    assert question("plaintiff_fleeing") not in ran.out


def test_handcuffing_is_not_asked_the_general_factors() -> None:
    ran = interview([*basics("arrestee", bystander=False), "1", "handcuffing"])
    assert ran.code == 0, ran.output
    assert question("handcuffs_unreasonably_tight") in ran.out
    for factor in ("force_significance", "threat_perceived", "crime_severity"):
        assert question(factor) not in ran.out, factor


def test_other_force_is_not_asked_the_handcuffing_questions() -> None:
    # A weapon, and the handcuffs were not used as one: the general factors only.
    ran = interview([*basics("arrestee", bystander=False), "1", "weapon", "false"])
    assert ran.code == 0, ran.output
    assert question("force_significance") in ran.out
    assert question("handcuffs_unreasonably_tight") not in ran.out
    assert question("complained_of_tightness") not in ran.out


def test_a_status_that_settles_an_element_does_not_ask_it() -> None:
    # Only a pretrial detainee must show the force was purposely or knowingly used.
    detainee = interview([*basics("pretrial_detainee", bystander=False), "1"])
    arrestee = interview([*basics("arrestee", bystander=False), "1"])
    assert question("force_deliberate") in detainee.out
    assert question("force_deliberate") not in arrestee.out


def test_each_episode_is_asked_for_its_own_kind_of_force(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    episodes = ["2", "the cuffs", "the blows"]
    known = {"plaintiff_status": "arrestee", "force_kind": "handcuffing"}
    skipped = plan(LIBRARY, ["excessive_force"], known).reads
    cuffs = ["handcuffing", *[""] * len(skipped)]  # then skip what the handcuffing test reads
    blows = ["weapon", "false"]
    ran = interview(
        [*basics("arrestee", bystander=False), *episodes, *cuffs, *blows],
        "--output",
        str(path),
        blanks=40,
    )
    assert ran.code == 0, ran.output
    blows_part = ran.out.split("Use of force 2 of 2: the blows")[1]
    cuffs_part = ran.out.split("Use of force 2 of 2")[0]
    assert question("force_significance") in blows_part
    assert question("force_significance") not in cuffs_part
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert case["facts"]["the_blows_force_kind"]["establishes"] == {"force_kind": "weapon"}


def test_what_is_the_same_for_every_use_of_force_is_asked_once(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    known = {
        "plaintiff_status": "arrestee",
        "force_kind": "weapon",
        "handcuffs_used_as_weapon": False,
    }
    reads = plan(LIBRARY, ["excessive_force"], known).reads
    blows = ["weapon", "false", *("serious" if a == "crime_severity" else "" for a in reads)]
    kicks = ["bodily_force", "false"]
    ran = interview(
        [*basics("arrestee", bystander=False), "2", "the blows", "the kicks", *blows, *kicks],
        "--output",
        str(path),
        blanks=40,
    )
    assert ran.code == 0, ran.output
    assert question("force_significance") in ran.out.split("Use of force 2 of 2: the kicks")[1]
    assert ran.out.count(question("crime_severity")) == 1
    fact = yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]["crime_severity"]
    assert "episode" not in fact
    assert fact["establishes"] == {"crime_severity": "serious"}


# --- '?' -----------------------------------------------------------------------------------


def test_question_mark_defines_each_level(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    ran = interview([*basics(bystander=False), "1", "?", "handcuffing"], "--output", str(path))
    assert ran.code == 0, ran.output
    meanings = LIBRARY.attributes["force_kind"].meanings or {}
    assert set(meanings) == set(LIBRARY.attributes["force_kind"].levels or [])
    for level, meaning in meanings.items():
        assert re.search(rf"\b{level} +{re.escape(meaning)}\n", ran.out), level
    assert 'force_kind: "handcuffing"' in path.read_text(encoding="utf-8")


def test_every_ordinal_level_has_a_plain_definition() -> None:
    for attribute_id, attribute in LIBRARY.attributes.items():
        if attribute.levels:
            assert attribute.meanings and set(attribute.meanings) == set(attribute.levels), (
                attribute_id
            )


def test_meanings_must_define_exactly_the_levels() -> None:
    with pytest.raises(ValueError, match="defines each level once"):
        Attribute.model_validate(
            {
                "type": "ordinal",
                "question": "How bad?",
                "levels": ["low", "high"],
                "meanings": {"low": "not much"},
            }
        )


# --- input that ends early -------------------------------------------------------------------


def test_input_ending_mid_interview_keeps_the_answers(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    answers = [*basics(), "2", "the takedown", "the cuffs", "bodily_force", "false", "roe"]
    ran = interview(answers, "--output", str(path), blanks=0)
    assert ran.code == 1, ran.output
    assert "Traceback" not in ran.output
    assert f"input ended before the interview did; wrote the answers given so far to {path}" in (
        ran.err
    )
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert case["facts"]["the_takedown_force_applied_by"]["establishes"] == {
        "force_applied_by": ["roe"]
    }
    assert set(case["episodes"]) == {"the_takedown", "the_cuffs"}
    validates(path)
    # The command it suggests picks up where the interview stopped, answers and all.
    resume = shlex.split(ran.err.split("answer the rest with: ")[1].splitlines()[0])
    assert resume[:2] == ["triable", "new"]
    again = run_in_process("new", *resume[2:], "--no-input")
    assert again.code == 0, again.output
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == case


def test_without_output_the_answers_go_to_a_new_file_it_names(tmp_path: Path) -> None:
    (tmp_path / "doe_v_roe.yaml").write_text("mine\n", encoding="utf-8")
    ran = interview([*basics(), "1", "handcuffing"], blanks=0, cwd=tmp_path)
    assert ran.code == 1, ran.output
    assert "wrote the answers given so far to doe_v_roe_2.yaml" in ran.err
    assert (tmp_path / "doe_v_roe.yaml").read_text(encoding="utf-8") == "mine\n"
    written = tmp_path / "doe_v_roe_2.yaml"
    assert 'force_kind: "handcuffing"' in written.read_text(encoding="utf-8")
    validates(written)


def test_input_ending_before_the_basics_writes_nothing_and_says_how_to_go_on(
    tmp_path: Path,
) -> None:
    path = tmp_path / "doe.yaml"
    ran = interview(["Doe v. Roe", "", "Jane Doe"], "--output", str(path), blanks=0)
    assert ran.code == 1, ran.output
    assert "Traceback" not in ran.output
    assert not path.exists()
    assert "nothing was written" in ran.err
    assert "--caption 'Doe v. Roe' --plaintiff 'Jane Doe'" in ran.err


# --- people the record names who are not defendants ---------------------------------------


def test_asks_for_non_parties_and_lets_an_answer_name_one(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    lines = ["Doe v. Roe", "", "Jane Doe", "arrestee", "2019-05-01", "poe:P. Poe:Sergeant", ""]
    lines += ["koe:K. Koe:Officer", "vic:V. Vic:Store clerk:civilian", ""]
    lines += ["failure_to_intervene:poe", "", "1", "bodily_force", "false", "koe"]
    ran = interview(lines, "--output", str(path))
    assert ran.code == 0, ran.output
    assert "Anyone else the record names who is not a defendant" in ran.out
    assert "poe, koe, vic, or none" in ran.out  # who used force may be any of them
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert case["defendants"] == {"poe": {"name": "P. Poe", "role": "Sergeant"}}
    assert case["non_parties"] == {
        "koe": {"name": "K. Koe", "role": "Officer"},
        "vic": {"name": "V. Vic", "role": "Store clerk", "state_actor": False},
    }
    assert case["facts"]["force_applied_by"]["establishes"] == {"force_applied_by": ["koe"]}
    validates(path)
    report = run_in_process("check", str(path), "--format", "json")
    assert report.code == 0, report.output
    assert '"koe"' in report.out


def test_non_parties_from_options_and_in_the_command_that_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "doe.yaml"
    ran = interview(
        ["Doe v. Roe", "", "Jane Doe", "arrestee", "2019-05-01", "roe:R. Roe:Officer", ""],
        "--output",
        str(path),
        "--non-party",
        "vic:V. Vic:Store clerk:civilian",
        blanks=0,
    )
    assert ran.code == 1, ran.output  # input ended before the claims
    assert "Anyone else the record names" not in ran.out  # given as an option: not asked
    assert "--non-party 'vic:V. Vic:Store clerk:civilian'" in ran.err


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("roe:R. Roe:Officer", "'roe' is given twice"),
        ("vic:V. Vic:Clerk:private", "only ':civilian' may end it"),
        ("vic:V. Vic", "is not ID:NAME:ROLE[:civilian]"),
        ("Vic:V. Vic:Clerk", "'Vic' is not a valid id"),
    ],
)
def test_a_bad_non_party_is_refused_with_what_to_write(given: str, message: str) -> None:
    ran = run_in_process(
        "new",
        "--no-input",
        *("--caption", "Doe v. Roe", "--plaintiff", "Jane Doe", "--status", "arrestee"),
        *("--incident-date", "2019-05-01", "--defendant", "roe:R. Roe:Officer"),
        *("--non-party", given, "--claim", "excessive_force:roe"),
    )
    assert ran.code == 2, ran.output
    assert message in ran.err
    assert "Traceback" not in ran.output
