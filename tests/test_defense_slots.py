"""A defense's outcome sentences: their slots are checked when the rubric loads, and filled
in one pass."""

from __future__ import annotations

import pytest
from engine_kit import IMMUNITY_WORDING, TOY_IMMUNITY
from pydantic import ValidationError

from triable.engine.explain import fill
from triable.engine.model.rubric import DefenseTest


def test_a_misspelt_slot_is_refused_when_the_rubric_loads() -> None:
    wording = IMMUNITY_WORDING | {"denied": "{defense} denied to {defendnat}."}
    with pytest.raises(ValidationError, match=r"'denied' has an unknown slot \{defendnat\}"):
        DefenseTest.model_validate(TOY_IMMUNITY | wording)


def test_a_slot_only_one_outcome_has_is_refused_in_another() -> None:
    with pytest.raises(ValidationError, match=r"'denied' has an unknown slot \{failing\}"):
        DefenseTest.model_validate(TOY_IMMUNITY | {"denied": "{failing} denied."})


def test_a_slot_is_filled_once_and_a_value_is_never_filled_in_turn() -> None:
    slots = {"defendant": "{why}", "why": "because"}
    assert fill("{defendant} {why} {other} {", slots) == "{why} because {other} {"
