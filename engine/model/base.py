"""Shared model machinery: frozen, closed models and the citation type."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from typing_extensions import TypeAliasType

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


def _check_identifier(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(ID_PATTERN, value):
        raise ValueError(
            f"'{value}' is not a valid id: use lower-case letters, digits and underscores, "
            "starting with a letter"
        )
    return value


Identifier = TypeAliasType(
    "Identifier",
    Annotated[
        str,
        BeforeValidator(_check_identifier),
        WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
    ],
)


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


@dataclass(frozen=True)
class Period:
    """A date as the record knows it: a day, or only its month or year, as written."""

    start: dt.date
    end: dt.date
    written: str

    @property
    def exact(self) -> bool:
        return self.start == self.end

    def isoformat(self) -> str:
        return self.written

    def __str__(self) -> str:
        return self.written


_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _read_period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Period(value, value, value.isoformat())
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        raise ValueError(
            f"{value} is read as a number, not a date; write the year in quotes ('{value}'), "
            "or write YYYY-MM-DD"
        )
    match = _PERIOD.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(
            f"{str(value)[:40]!r} is not a date; write YYYY-MM-DD (e.g. 2016-05-01), or "
            "'YYYY-MM' or 'YYYY' where the record gives only the month or the year"
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is not None:
            start = end = dt.date(year, month, day)  # type: ignore[arg-type]
        elif month is not None:
            start = dt.date(year, month, 1)  # type: ignore[arg-type]
            end = dt.date(year, month, calendar.monthrange(year, month)[1])  # type: ignore[arg-type]
        else:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)  # type: ignore[arg-type]
    except ValueError as error:
        raise ValueError(f"{value!r} is not a date: {error}; write YYYY-MM-DD") from None
    return Period(start, end, value)


#: An incident date as the record knows it: YYYY-MM-DD, or 'YYYY-MM' or 'YYYY' where it
#: gives only the month or the year. A bare number is refused: YAML reads 2019 as one.
WrittenPeriod = Annotated[
    Period,
    PlainValidator(_read_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "YYYY-MM-DD, or YYYY-MM or YYYY where the record says no more.",
        }
    ),
]


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


CiteRef = TypeAliasType(
    "CiteRef",
    Annotated[
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
    ],
)
