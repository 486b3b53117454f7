"""Safe YAML reading with a line and column for every value.

Values are built straight from the parser's event stream, so no tag can construct an
object, aliases and nesting are bounded before anything grows (aliases in values and in
characters), and YAML 1.1's implicit booleans, timestamps and sexagesimal numbers stay
text. Control characters, which only a double-quoted escape can write, are kept written
out (``\\x1b``), so that no report or message carries them to a terminal or an XML file.
Lines are counted as an editor counts them: YAML 1.1's other line breaks (NEL, U+2028,
U+2029) start no new line in a finding's position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from triable.engine.errors import Location, UnusableInput

from .printable import printable
from .reading import MAX_FILE_BYTES, decode, read_text, source_name

__all__ = [
    "MAX_FILE_BYTES",
    "SourceDocument",
    "decode",
    "load",
    "parse",
    "read_text",
    "source_name",
]
MAX_DEPTH = 64
MAX_NODES = 2_000_000
MAX_ALIAS_NODES = 100_000
#: What aliases may add to a document, in characters: each alias of a long text is one more
#: copy of it in every report that shows it.
MAX_ALIAS_CHARS = 1024 * 1024
#: Longer integers cannot even be printed (CPython refuses to convert them to text); no
#: rubric or case needs a number of more than a few digits.
MAX_DIGITS = 1000
_TOO_DEEP = (
    f"nesting is deeper than {MAX_DEPTH} levels; rubric and case files are never this deep "
    "— check the indentation and the brackets"
)

_Parser: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Patterns compiled on first use (``re`` keeps them): a file without hexadecimal numbers or
# floats, most files, never compiles them. Integers are told by ``str.isdigit`` alone.
_HEX_OCT = r"0x[0-9a-fA-F]+|0o[0-7]+"
_FLOAT = r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
#: The first characters of every number and special float.
_NUMERIC_START = frozenset("0123456789+-.")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
#: The first characters of every plain scalar that is not a string: null, a boolean, a
#: YAML 1.1 boolean word, a number or a special float.
_MAY_BE_SPECIAL = frozenset("~nNtTfFyYoO0123456789+-.") | {""}
#: Plain words YAML 1.1 would have turned into booleans; kept as text, and pointed out
#: when they land where a boolean belongs.
YAML11_BOOLEANS = {
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Yes",
    "No",
    "On",
    "Off",
    "YES",
    "NO",
    "ON",
    "OFF",
}

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}

Path_ = tuple[str | int, ...]

# Tuples, not ``A | B``: a union written in the loop would be built again for every event.
_PASSED_OVER = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)


#: Line breaks to YAML 1.1 but not to an editor: the parser's line numbers count them.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def _position(starts: list[int], index: int) -> tuple[int, int]:
    """The 1-based line and column of the character at ``index``."""
    line = bisect_right(starts, index)
    return line, index - starts[line - 1] + 1


class SourceDocument:
    """A parsed file: its data, and where each value (and each mapping key) starts: the
    parser's own marks, counted from 0, which a reader of the file is shown from 1."""

    __slots__ = ("data", "keys", "line_starts", "path", "values", "yaml11_words")

    def __init__(self, path: str, data: Any = None, text: str = "") -> None:
        self.path = path
        self.data = data
        self.values: dict[Path_, yaml.Mark] = {}
        self.keys: dict[Path_, yaml.Mark] = {}
        self.yaml11_words: set[Path_] = set()
        # Only a file with such a break pays for counting lines again.
        self.line_starts = _line_starts(text) if any(c in text for c in _ODD_BREAKS) else None

    def where(self, mark: Any) -> Location:
        """A parser mark as the line and column an editor shows."""
        if self.line_starts is None:
            return Location(self.path, mark.line + 1, mark.column + 1)
        return Location(self.path, *_position(self.line_starts, mark.index))

    def locate(self, loc: Path_, *, key: bool = False) -> Location:
        """The position of ``loc`` or, if it does not exist, of its nearest ancestor."""
        probe = tuple(loc)
        while probe:
            mark = (self.keys.get(probe) if key else None) or self.values.get(probe)
            if mark:
                return self.where(mark)
            probe = probe[:-1]
            key = False
        mark = self.values.get(())
        return self.where(mark) if mark else Location(self.path, 1, 1)


def load(path: Path) -> SourceDocument:
    return parse(read_text(path), source_name(path))


def parse(text: str, shown: str) -> SourceDocument:
    doc = SourceDocument(path=shown, data=None, text=text)
    builder = _Builder(doc)
    parser = _Parser(text)
    try:
        # The parser's own method as the iterator, called until it has no event left.
        doc.data = builder.build(iter(parser.get_event, None))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        hint = ""
        opened = _opened(exc)
        if opened and "end of stream" in problem:
            # Running off the end of the file says nothing useful about where; what was left
            # open (a quote, a bracket) is where to look.
            problem = f"{opened[0]} that starts here is never closed (the file ends first)"
            mark = opened[1]
        elif opened:
            what, start = opened
            opened_at = doc.where(start)
            hint = f" (in the {what.removeprefix('a ')} at line {opened_at.line}, "
            hint += f"column {opened_at.col})"
        elif mark and _tab_at(text, mark.line, mark.column):
            hint = "; indent with spaces, not tabs"
        elif "mapping values are not allowed" in problem:
            hint = "; check this line's indentation, or quote a value that contains ': '"
        where = doc.where(mark) if mark else Location(shown)
        if "nesting depth" in problem:
            # libyaml's own bound (1,000 levels in recent releases) may stop a deep file
            # before triable's: the user sees the same finding whichever layer noticed.
            raise UnusableInput("Y005", _TOO_DEEP, where) from None
        raise UnusableInput("Y001", f"malformed YAML: {problem}{hint}", where) from None
    except yaml.reader.ReaderError as exc:
        raise _unacceptable(exc, text, shown) from None
    except yaml.YAMLError as exc:
        raise UnusableInput("Y001", f"malformed YAML: {exc}", Location(shown)) from None
    finally:
        parser.dispose()
    return doc


def _unacceptable(exc: yaml.reader.ReaderError, text: str, shown: str) -> UnusableInput:
    """A character YAML does not allow anywhere in a file, at its line and column."""
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    what = "a control character" if code < 0xA0 else "a noncharacter"
    where = Location(shown, *_position(_line_starts(text), exc.position))
    return UnusableInput(
        "Y001",
        f"malformed YAML: the character U+{code:04X} ({what}) is not allowed in a YAML file; "
        "remove it, or write it as an escape in a double-quoted string",
        where,
    )


def _opened(exc: yaml.MarkedYAMLError) -> tuple[str, Any] | None:
    """What the parser was inside when it failed, and where it began, if it was a quote or
    a bracket."""
    context = str(exc.context or "")
    if exc.context_mark is None or not ("quoted" in context or "flow" in context):
        return None
    what = context.removeprefix("while scanning ").removeprefix("while parsing ")
    for yaml_name, plain in (
        ("quoted scalar", "quoted string"),
        ("flow sequence", "[ ] list"),
        ("flow mapping", "{ } mapping"),
    ):
        what = what.replace(yaml_name, plain)
    return what, exc.context_mark


def _tab_at(text: str, line: int, column: int) -> bool:
    lines = text.split("\n")
    return line < len(lines) and "\t" in lines[line][: column + 1]


class _Builder:
    """Turns parser events into plain dicts, lists and scalars, recording positions."""

    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.nodes = 0
        self.alias_nodes = 0
        self.alias_chars = 0

    def _where(self, event: Any) -> Location:
        return self.doc.where(event.start_mark)

    def build(self, events: Iterator[Any]) -> Any:
        documents = 0
        result: Any = None
        # A stack of open collections:
        # (container, path, key_pending, key_event, anchor, values, characters)
        stack: list[list[Any]] = []
        root_set = False
        values = self.doc.values
        keys = self.doc.keys
        for event in events:
            # Scalars first: most events are scalars, and most scalars are mapping keys.
            scalar = isinstance(event, yaml.ScalarEvent)
            if scalar or not isinstance(event, _CLOSING):
                if not stack:
                    if isinstance(event, yaml.DocumentStartEvent):
                        documents += 1
                        if documents > 1:
                            raise UnusableInput(
                                "Y007",
                                "more than one YAML document ('---') in one file; put each "
                                "in its own file",
                                self._where(event),
                            )
                        continue
                    if isinstance(event, _PASSED_OVER):
                        continue
                    path: Path_ = ()
                else:
                    top = stack[-1]
                    container = top[0]
                    if type(container) is dict:
                        key = top[2]
                        if key is None:
                            top[2], top[3] = self._key(event), event
                            continue
                        path = (*top[1], key)
                        if key in container:
                            raise UnusableInput(
                                "Y002",
                                f"duplicate key '{key}' (first at line "
                                f"{self.doc.where(keys[path]).line}); remove one of them",
                                self._where(top[3]),
                            )
                        keys[path] = top[3].start_mark
                    else:
                        path = (*top[1], len(container))
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    self._count(0, event)
                values[path] = event.start_mark
                if scalar:
                    if event.tag and event.tag != "!":
                        self._check_tag(event)
                    value = self._scalar(event, path)
                    size, chars = 1, len(event.value)
                    if event.anchor:
                        self.anchors[event.anchor] = (value, size, chars)
                elif isinstance(event, yaml.AliasEvent):
                    value, size, chars = self._alias(event)
                else:
                    if event.tag and event.tag != "!":
                        self._check_tag(event)
                    if len(stack) >= MAX_DEPTH:
                        raise UnusableInput("Y005", _TOO_DEEP, self._where(event))
                    opened_node: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                    stack.append([opened_node, path, None, None, event.anchor, 1, 0])
                    continue
            else:
                value, path, _k, _ke, anchor, size, chars = stack.pop()
                if anchor:
                    self.anchors[anchor] = (value, size, chars)
            if stack:
                top = stack[-1]
                top[5] += size
                top[6] += chars
                if top[2] is not None:
                    top[0][top[2]] = value
                    top[2] = None
                else:
                    top[0].append(value)
            else:
                result, root_set = value, True
        if not root_set or result is None:
            raise UnusableInput(
                "Y006",
                "the file is empty; it should be a YAML mapping",
                Location(self.doc.path, 1, 1),
            )
        return result

    def _alias(self, event: Any) -> tuple[Any, int, int]:
        """What an alias stands for, and how many values and characters that is, within the
        bounds on alias expansion."""
        if event.anchor not in self.anchors:
            raise UnusableInput(
                "Y001", f"malformed YAML: unknown alias *{event.anchor}", self._where(event)
            )
        value, size, chars = self.anchors[event.anchor]
        self.alias_nodes += size
        self.alias_chars += chars
        self._count(size, event)
        if self.alias_chars > MAX_ALIAS_CHARS:
            raise UnusableInput(
                "Y004",
                f"aliases expand to more than {MAX_ALIAS_CHARS // 1024:,} KB of text; "
                "write the repeated parts out or alias shorter parts",
                self._where(event),
            )
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise UnusableInput(
                "Y004",
                f"aliases expand to more than {MAX_ALIAS_NODES:,} values; "
                "write the repeated parts out or use fewer nested aliases",
                self._where(event),
            )
        return value, size, chars

    def _check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag not in _ALLOWED_TAGS:
            shown_tag = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
            raise UnusableInput(
                "Y003",
                f"the tag {shown_tag} is not allowed; triable reads plain data only "
                "and never builds objects from tags (remove the tag)",
                self._where(event),
            )

    def _count(self, n: int, event: Any) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise UnusableInput(
                "Y004",
                f"the document holds more than {MAX_NODES:,} values; split it into smaller files",
                self._where(event),
            )

    def _key(self, event: Any) -> str:
        if not isinstance(event, yaml.ScalarEvent):
            raise UnusableInput(
                "Y001",
                "malformed YAML: a mapping key must be plain text, not a list, mapping or alias",
                self._where(event),
            )
        if event.value == "<<" and not event.style:
            raise UnusableInput(
                "Y008",
                "merge keys ('<<') are not supported; write the keys out",
                self._where(event),
            )
        return printable(event.value) if event.style == '"' else str(event.value)

    def _scalar(self, event: Any, path: Path_) -> Any:
        value: str = event.value
        if event.style == '"':
            value = printable(value)
        tag = event.tag
        plain = not event.style and tag in (None, "!") and event.implicit[0]
        if tag and tag.startswith(_CORE):
            return self._explicit(tag[len(_CORE) :], value, event)
        if not plain:
            return value
        if value[:1] not in _MAY_BE_SPECIAL:  # most values are words: nothing else to ask
            return value
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if value in YAML11_BOOLEANS:
            self.doc.yaml11_words.add(path)
            return value
        if value[0] not in _NUMERIC_START:
            return value
        unsigned = value[1:] if value[0] in "+-" else value
        if unsigned.isascii() and unsigned.isdigit():
            # A leading zero is octal to YAML 1.1 and decimal to YAML 1.2: kept as text
            # rather than guessed.
            if len(unsigned) > 1 and unsigned[0] == "0":
                return value
            self._check_digits(unsigned, event)
            return int(value)
        if value[:2] in ("0x", "0o") and re.fullmatch(_HEX_OCT, value):
            self._check_digits(value[2:], event)
            return int(value, 0)
        # A float without a point or an exponent would be an integer, told apart above.
        if (
            ("." in value or "e" in value or "E" in value)
            and re.fullmatch(_FLOAT, value)
            and any(c.isdigit() for c in value)
        ):
            return float(value)
        if value.lower() in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[value.lower()]
        return value

    def _check_digits(self, digits: str, event: Any) -> None:
        if len(digits) > MAX_DIGITS:
            raise UnusableInput(
                "Y004",
                f"a number of {len(digits):,} digits is longer than any value triable reads "
                f"(at most {MAX_DIGITS:,}); quote it if it is text",
                self._where(event),
            )

    def _explicit(self, name: str, value: str, event: Any) -> Any:
        try:
            if name == "str":
                return value
            if name == "int":
                self._check_digits(value.lstrip("+-"), event)
                return int(value, 0)
            if name == "float":
                return float(value)
            if name == "bool" and value in _TRUE | _FALSE:
                return value in _TRUE
            if name == "null":
                return None
        except ValueError:
            pass
        raise UnusableInput("Y003", f"'{value}' is not a valid !!{name}", self._where(event))
