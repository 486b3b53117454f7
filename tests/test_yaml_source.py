"""The safe YAML reader: positions, and no surprise from YAML 1.1 or from tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from triable.cli.yaml_source import MAX_DEPTH, load, parse
from triable.engine.errors import Location, UnusableInput


def error_of(text: str) -> UnusableInput:
    with pytest.raises(UnusableInput) as caught:
        parse(text, "f.yaml")
    return caught.value


def test_values_and_keys_have_positions() -> None:
    doc = parse("kind: case\nfacts:\n  a:\n    text: hello\n    disputes: [b, c]\n", "f.yaml")
    assert doc.data["facts"]["a"]["disputes"] == ["b", "c"]
    assert doc.locate(("facts", "a", "text")) == Location("f.yaml", 4, 11)
    assert doc.locate(("facts",), key=True) == Location("f.yaml", 2, 1)
    assert doc.locate(()) == Location("f.yaml", 1, 1)
    assert doc.locate(("facts", "a", "disputes", 1)) == Location("f.yaml", 5, 19)
    assert doc.locate(("facts", "a", "missing")) == Location("f.yaml", 4, 5)
    assert doc.locate(("facts", "a", "text"), key=True) == Location("f.yaml", 4, 5)


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "OFF"])
def test_yaml_11_booleans_stay_text_and_are_remembered(word: str) -> None:
    doc = parse(f"a: {word}\nb: '{word}'\n", "f.yaml")
    assert doc.data == {"a": word, "b": word}
    assert doc.yaml11_words == {("a",)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2015-07-21", "2015-07-21"),
        ("1:20", "1:20"),
        ("012", "012"),
        ("0x1f", 31),
        ("0o17", 15),
        ("1_000", "1_000"),
        ("3", 3),
        ("0", 0),
        ("-0", 0),
        ("+7", 7),
        ("-012", "-012"),
        ("٣", "٣"),
        ("+", "+"),
        ("-2.5", -2.5),
        (".5", 0.5),
        ("5.", 5.0),
        ("-.inf", float("-inf")),
        ("1.2.3", "1.2.3"),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("'3'", "3"),
        ("!!str 3", "3"),
        ("!!int '7'", 7),
    ],
)
def test_scalars_follow_yaml_1_2_core(text: str, value: object) -> None:
    assert parse(f"a: {text}\n", "f.yaml").data == {"a": value}


def test_duplicate_key_is_reported_at_the_second() -> None:
    error = error_of("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert (error.code, error.where) == ("Y002", Location("f.yaml", 4, 3))
    assert "first at line 3" in error.message


def test_tags_build_nothing() -> None:
    error = error_of("a: !!python/object/new:os.system [ls]\n")
    assert (error.code, error.where) == ("Y003", Location("f.yaml", 1, 4))
    assert error_of("a: !custom x\n").code == "Y003"
    assert error_of("a: !!int nope\n").code == "Y003"


def test_aliases_are_bounded_but_allowed() -> None:
    doc = parse("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert doc.data == {"a": [1, 2], "b": [1, 2]}
    lines = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7)]
    assert error_of("\n".join(lines)).code == "Y004"
    assert error_of("a: *nowhere\n").code == "Y001"


def test_depth_is_bounded() -> None:
    assert parse("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1), "f.yaml").data
    error = error_of("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert error.code == "Y005"
    assert error.where == Location("f.yaml", 1, 3 + MAX_DEPTH)


def test_malformed_yaml_points_where_to_look() -> None:
    quote = error_of('a: 1\nb: "open\nc: 2\n')
    assert (quote.code, quote.where) == ("Y001", Location("f.yaml", 2, 4))
    assert "quoted string that starts here is never closed" in quote.message
    bracket = error_of("a: [1, 2\nb: 3\n")
    assert bracket.code == "Y001"
    assert "[ ] list at line 1, column 4" in bracket.message
    tab = error_of("a:\n  b: 1\n\tc: 2\n")
    assert tab.where == Location("f.yaml", 3, 1)
    assert "indent with spaces, not tabs" in tab.message
    indent = error_of("a:\n  b: 1\n    c: 2\n")
    assert "indentation" in indent.message


def test_empty_and_multi_document_files() -> None:
    assert error_of("").code == "Y006"
    assert error_of("# only a comment\n").code == "Y006"
    assert error_of("a: 1\n---\nb: 2\n").code == "Y007"
    assert error_of("a: &m {x: 1}\nb:\n  <<: *m\n").code == "Y008"


def test_bytes(tmp_path: Path) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load(bom).data == {"a": 1}
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(UnusableInput) as caught:
        load(latin)
    assert (caught.value.code, caught.value.where) == ("F005", Location(str(latin), 2, 7))
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"a: 1\nb: \x00\x01\n")
    with pytest.raises(UnusableInput) as caught:
        load(binary)
    assert (caught.value.code, caught.value.where) == ("F005", Location(str(binary), 2, 4))


def test_paths(tmp_path: Path) -> None:
    for path, code in ((tmp_path / "none.yaml", "F001"), (tmp_path, "F002")):
        with pytest.raises(UnusableInput) as caught:
            load(path)
        assert caught.value.code == code
        assert caught.value.where == Location(str(path))
