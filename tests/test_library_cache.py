"""The rubric library kept between runs: plain JSON, used only when it is the user's own,
intact, and written for these rubric files and this triable; otherwise ignored silently."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from triable.cli import library_cache
from triable.cli.documents import default_rubrics, load_library
from triable.engine.library import Library

CASE = Path(__file__).parents[1] / "cases" / "ali_v_ramos.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "triable"


@pytest.fixture
def rubrics(tmp_path: Path) -> Path:
    folder = tmp_path / "rubrics"
    shutil.copytree(default_rubrics(), folder, ignore=shutil.ignore_patterns("*.py", "__*"))
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("library-*.json"))


def planted(cache: Path, rubrics: Path) -> Library:
    """Write a genuine entry for ``rubrics``, then change what it holds to a library that
    the files do not give: a claim's name, so that a used entry shows in the result."""
    library_cache.load(rubrics)
    (entry,) = entries(cache)
    header, body = entry.read_text(encoding="utf-8").split("\n", 1)
    claim = next(iter(load_library(rubrics)[0].claims.values()))
    assert claim.name in body
    body = body.replace(json.dumps(claim.name), json.dumps("Planted"))
    meta = json.loads(header)
    meta["digest"] = library_cache.hashlib.sha256(body.encode()).hexdigest()
    entry.write_text(json.dumps(meta) + "\n" + body, encoding="utf-8")
    return library_cache.load(rubrics)


def claim_names(library: Library) -> set[str]:
    return {c.name for c in library.claims.values()}


def test_a_library_comes_back_from_the_cache_as_the_files_give_it(
    cache: Path, rubrics: Path
) -> None:
    from_files = load_library(rubrics)[0]
    first = library_cache.load(rubrics)
    assert len(entries(cache)) == 1
    again = library_cache.load(rubrics)
    assert first == from_files
    assert again == from_files
    for table in ("authorities", "attributes", "tests", "claims"):
        for key, model in getattr(from_files, table).items():
            kept = getattr(again, table)[key]
            assert type(kept) is type(model)
            assert kept.model_fields_set == model.model_fields_set
    assert again.origins == from_files.origins


@pytest.mark.parametrize("which", ["disputed", "validate"])
def test_generated_libraries_come_back_alike(cache: Path, tmp_path: Path, which: str) -> None:
    """Libraries unlike the bundled one: fifty attributes read by one claim, and many files."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import generate

    if which == "disputed":
        folder = generate.write_disputed_rubrics(tmp_path / "rubrics")
    else:
        folder = generate.write_validate_tree(tmp_path / "tree", 40)[0]
    from_files = load_library(folder)[0]
    library_cache.load(folder)
    assert len(entries(cache)) == 1
    assert library_cache.load(folder) == from_files


def test_a_used_entry_is_the_one_planted(cache: Path, rubrics: Path) -> None:
    """The check on what follows: an entry that passes every test is what is used."""
    assert "Planted" in claim_names(planted(cache, rubrics))


def test_the_folder_is_made_for_the_user_alone(cache: Path, rubrics: Path) -> None:
    library_cache.load(rubrics)
    info = cache.stat()
    assert info.st_uid == os.getuid()
    assert info.st_mode & 0o777 == 0o700
    assert all(e.stat().st_mode & 0o077 == 0 for e in entries(cache))


@pytest.mark.parametrize("mode", [0o755, 0o770, 0o707, 0o711])
def test_an_entry_in_a_folder_open_to_others_is_ignored(
    cache: Path, rubrics: Path, mode: int
) -> None:
    planted(cache, rubrics)
    cache.chmod(mode)
    try:
        assert "Planted" not in claim_names(library_cache.load(rubrics))
        assert cache.stat().st_mode & 0o777 == mode  # never taken over or loosened
    finally:
        cache.chmod(0o700)


def test_an_entry_writable_by_others_is_ignored(cache: Path, rubrics: Path) -> None:
    planted(cache, rubrics)
    (entry,) = entries(cache)
    entry.chmod(0o666)
    assert "Planted" not in claim_names(library_cache.load(rubrics))


def test_an_entry_that_is_a_link_is_ignored(cache: Path, rubrics: Path, tmp_path: Path) -> None:
    planted(cache, rubrics)
    (entry,) = entries(cache)
    elsewhere = tmp_path / "elsewhere.json"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert "Planted" not in claim_names(library_cache.load(rubrics))


def test_a_folder_that_is_a_link_is_ignored(cache: Path, rubrics: Path, tmp_path: Path) -> None:
    planted(cache, rubrics)
    cache.rename(tmp_path / "real")
    cache.symlink_to(tmp_path / "real")
    assert "Planted" not in claim_names(library_cache.load(rubrics))


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file away needs root")
def test_an_entry_of_another_user_is_ignored(cache: Path, rubrics: Path) -> None:
    planted(cache, rubrics)
    (entry,) = entries(cache)
    os.chown(entry, 12345, 12345)
    assert "Planted" not in claim_names(library_cache.load(rubrics))


@pytest.mark.skipif(os.getuid() != 0, reason="giving a folder away needs root")
def test_a_folder_of_another_user_is_ignored(cache: Path, rubrics: Path) -> None:
    planted(cache, rubrics)
    os.chown(cache, 12345, 12345)
    assert "Planted" not in claim_names(library_cache.load(rubrics))


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "",
        lambda text: "{not json\n{}",
        lambda text: text.replace('"m":', '"x":', 1),
        lambda text: text + "]",
        lambda text: "\x00\xff" * 40,
    ],
    ids=["cut short", "empty", "not json", "altered", "trailing", "binary"],
)
def test_a_corrupt_entry_is_ignored(cache: Path, rubrics: Path, damage: object) -> None:
    library_cache.load(rubrics)
    (entry,) = entries(cache)
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    assert library_cache.load(rubrics) == load_library(rubrics)[0]


def test_corrupt_data_under_a_matching_digest_is_ignored(cache: Path, rubrics: Path) -> None:
    """Well-formed JSON that is no library: an unknown class, a missing field."""
    library_cache.load(rubrics)
    (entry,) = entries(cache)
    header, body = entry.read_text(encoding="utf-8").split("\n", 1)
    for bad in (
        body.replace('"m":"rubric.ClaimRubric"', '"m":"os.system"', 1),
        body.replace('"m":"rubric.ClaimRubric"', '"m":"vocab.Side"', 1),
        body.replace('[["id",', '[["not_a_field",', 1),
        '{"library":[]}',
        "[1, 2]",
    ):
        meta = json.loads(header)
        meta["digest"] = library_cache.hashlib.sha256(bad.encode()).hexdigest()
        entry.write_text(json.dumps(meta) + "\n" + bad, encoding="utf-8")
        assert library_cache.load(rubrics) == load_library(rubrics)[0]


def test_an_entry_for_another_triable_is_ignored(
    cache: Path, rubrics: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted(cache, rubrics)
    monkeypatch.setattr(library_cache, "_environment", lambda: "another triable")
    assert "Planted" not in claim_names(library_cache.load(rubrics))


def test_a_different_triable_version_is_another_key(
    rubrics: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = library_cache._key(rubrics)
    source = Path(library_cache.__file__)
    info = source.stat()
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    library_cache._environment.cache_clear()
    try:
        assert library_cache._key(rubrics) != before
    finally:
        os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
        library_cache._environment.cache_clear()


def test_an_entry_for_other_rubric_files_is_ignored(cache: Path, rubrics: Path) -> None:
    planted(cache, rubrics)
    some_file = sorted(rubrics.rglob("*.yaml"))[0]
    some_file.write_text(some_file.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    assert "Planted" not in claim_names(library_cache.load(rubrics))


def test_an_edited_rubric_is_read_afresh(cache: Path, rubrics: Path) -> None:
    library_cache.load(rubrics)
    path = next(p for p in sorted(rubrics.rglob("*.yaml")) if "kind: claim" in p.read_text())
    text = path.read_text(encoding="utf-8")
    name = load_library(rubrics)[0].claims
    claim = next(c for c in name.values() if c.name in text)
    path.write_text(text.replace(claim.name, "Renamed claim", 1), encoding="utf-8")
    assert "Renamed claim" in claim_names(library_cache.load(rubrics))


def test_an_unusable_cache_folder_changes_nothing(
    rubrics: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert library_cache.load(rubrics) == load_library(rubrics)[0]


def test_check_reads_the_same_report_from_the_cache(cache: Path) -> None:
    from typer.testing import CliRunner

    from triable.cli.app import app

    runner = CliRunner()
    first = runner.invoke(app, ["check", str(CASE), "--format", "json"])
    assert entries(cache)
    second = runner.invoke(app, ["check", str(CASE), "--format", "json"])
    assert first.exit_code == second.exit_code == 0
    assert first.output == second.output
