"""The read results kept between builds (pipeline/build/readcache.py): a build that finds them gives the same bytes
as one that reads every workbook; a changed workbook is read again, and only it; a damaged result, one in a folder
others may write, and --force all read again."""
from __future__ import annotations

import filecmp
import os

import pytest
from build_helpers import build
from intake_helpers import edit

import pipeline.build.read as read_module
from pipeline.build.readcache import cache_folder

MANIFEST = ".digiplan-koonti.json"          # holds times: the one file two builds never share


@pytest.fixture()
def reads(monkeypatch, tmp_path):
    """The names of the workbooks a build reads, with the read results kept in the test's own folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    names: list[str] = []
    read = read_module.read_workbook

    def recording(path, ctx):
        names.append(path.name)
        return read(path, ctx)

    monkeypatch.setattr(read_module, "read_workbook", recording)
    return names


def same_files(one, other):
    names = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file() and p.name != MANIFEST)
    assert names == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file() and p.name != MANIFEST)
    assert names and all(filecmp.cmp(one / name, other / name, shallow=False) for name in names)


def test_kept_results_give_the_same_bytes_and_a_changed_workbook_is_read_again(two_lines, reads, tmp_path):
    inputs, _ = two_lines
    fresh = build(inputs, tmp_path / "fresh")
    assert fresh.exit_code == 0, fresh.output
    assert sorted(reads) == ["AVO-esimerkki-tietopohja.xlsx", "NAO-esimerkki-tietopohja.xlsx"]
    assert os.stat(cache_folder()).st_mode & 0o777 == 0o700
    reads.clear()
    again = build(inputs, tmp_path / "again")             # another output folder: no manifest, every file made
    assert again.exit_code == 0, again.output
    assert reads == []
    same_files(tmp_path / "fresh", tmp_path / "again")
    edit(inputs / "AVO-esimerkki-tietopohja.xlsx",
         lambda book: book["Johdon yhteenveto"].cell(2, 2).__setattr__("value", "Uusi avainviesti."))
    assert build(inputs, tmp_path / "again").exit_code == 0
    assert reads == ["AVO-esimerkki-tietopohja.xlsx"]
    reads.clear()
    assert build(inputs, tmp_path / "edited").exit_code == 0
    assert reads == []
    same_files(tmp_path / "again", tmp_path / "edited")


def test_damaged_or_foreign_results_and_force_read_again(two_lines, reads, tmp_path):
    inputs, _ = two_lines
    assert build(inputs, tmp_path / "fresh").exit_code == 0
    folder = cache_folder()
    kept = sorted(folder.glob("*.pickle"))
    assert len(kept) == 2
    kept[0].write_bytes(b"\x80\x05not a pickle")
    kept[1].write_bytes(kept[1].read_bytes()[:100])
    reads.clear()
    assert build(inputs, tmp_path / "damaged").exit_code == 0
    assert len(reads) == 2
    same_files(tmp_path / "fresh", tmp_path / "damaged")
    reads.clear()
    assert build(inputs, tmp_path / "kept").exit_code == 0
    assert reads == []                                      # read again and kept again
    folder.chmod(0o777)                                     # others may write there: nothing is loaded from it
    assert build(inputs, tmp_path / "shared").exit_code == 0
    assert len(reads) == 2
    folder.chmod(0o700)
    reads.clear()
    assert build(inputs, tmp_path / "kept", "--force").exit_code == 0
    assert len(reads) == 2


def test_no_folder_for_the_results_reads_every_time(two_lines, reads, tmp_path):
    inputs, _ = two_lines
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    assert build(inputs, tmp_path / "one").exit_code == 0
    assert build(inputs, tmp_path / "two").exit_code == 0
    assert len(reads) == 4
    same_files(tmp_path / "one", tmp_path / "two")


def test_old_and_surplus_results_are_removed(tmp_path, monkeypatch):
    import time

    import pipeline.build.readcache as readcache
    folder = tmp_path / "reads"
    folder.mkdir(mode=0o700)
    now = time.time()
    for n, age in enumerate((0, 10, 20, 30, 15 * 24 * 3600)):        # seconds since last used
        path = folder / f"{n}.pickle"
        path.write_bytes(b"x")
        os.utime(path, (now - age, now - age))
    (folder / ".left.tmp").write_bytes(b"x")
    os.utime(folder / ".left.tmp", (now - 7200, now - 7200))
    (folder / ".writing.tmp").write_bytes(b"x")
    monkeypatch.setattr(readcache, "MAX_FILES", 3)
    readcache._prune(folder)
    assert sorted(p.name for p in folder.iterdir()) == [".writing.tmp", "0.pickle", "1.pickle", "2.pickle"]


def test_a_workbook_that_could_not_be_read_is_read_again_next_time(two_lines, reads, tmp_path, monkeypatch):
    """A time-out, the memory ceiling or a crash may be this time only (a busy machine): never kept."""
    import pipeline.intake.guard as guard
    inputs, _ = two_lines
    guarded = guard.guarded
    monkeypatch.setattr(guard, "guarded", lambda task: "time")
    result = build(inputs, tmp_path / "busy")
    assert result.exit_code == 1
    assert "Työkirjaa ei voitu lukea: lukeminen ei valmistunut" in result.output
    monkeypatch.setattr(guard, "guarded", guarded)
    reads.clear()
    result = build(inputs, tmp_path / "quiet")
    assert result.exit_code == 0, result.output
    assert sorted(reads) == ["AVO-esimerkki-tietopohja.xlsx", "NAO-esimerkki-tietopohja.xlsx"]
    assert len(list(cache_folder().glob("*.pickle"))) == 2
