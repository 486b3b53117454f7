"""Shared model machinery: frozen, closed models and the citation type."""

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


def _check_identifier(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(ID_PATTERN, value):
        raise ValueError(
            f"'{value}' is not a valid id: use lower-case letters, digits and underscores, "
            "starting with a letter"
        )
    return value


Identifier = Annotated[
    str,
    BeforeValidator(_check_identifier),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]


def _check_written_date(value: Any) -> Any:
    # Pydantic would read a number as seconds (or milliseconds) since 1970: 0 would be
    # 1970-01-01 and 1462060800000 2016-05-01, though nobody writes a date that way.
    if isinstance(value, dt.date) or (
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    ):
        return value
    raise ValueError(f"{str(value)[:40]!r} is not a date; write YYYY-MM-DD (e.g. 2016-05-01)")


#: A calendar date, written in the file as YYYY-MM-DD.
WrittenDate = Annotated[dt.date, BeforeValidator(_check_written_date)]


class Frozen(BaseModel):
    """Every file model: immutable, and unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


class Cite(Frozen):
    """An authority in the registry and the pin where it says what it is cited for."""

    authority: str
    pin: str

    def __str__(self) -> str:
        return f"{self.authority} at {self.pin}"


CITE_PATTERN = r"^([a-z][a-z0-9_]*) at (\S.*)$"


def _parse_cite(value: Any) -> Any:
    if isinstance(value, str):
        match = re.fullmatch(CITE_PATTERN, value.strip())
        if not match:
            raise ValueError(
                f"'{value}' is not a citation: write '<authority id> at <pin>', "
                "e.g. 'usavage_2013 at 595'"
            )
        return {"authority": match.group(1), "pin": match.group(2)}
    return value


CiteRef = Annotated[
    Cite,
    BeforeValidator(_parse_cite),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": CITE_PATTERN,
            "description": "An authority id and pin cite, e.g. 'usavage_2013 at 595'.",
        }
    ),
]
