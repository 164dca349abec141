"""The PDF pass's sessions side by side (pipeline/build/pdf/pool.py), with stand-in sessions: documents largest first, a
session that stops started again and its document tried once more, every document answered once."""
from __future__ import annotations

from pathlib import Path

from pipeline.build.pdf.pool import OfficePool, Request
from pipeline.build.pdf.session import ConversionFailed, OfficeUnavailable


class FakeSession:
    """Converts by name: "dies-once" stops the first session that takes it, "dies" every one, "bad" fails."""
    started: list[FakeSession] = []
    died: set[str] = set()

    def __init__(self) -> None:
        self.done: list[str] = []
        self.closed = False
        FakeSession.started.append(self)

    def convert(self, source: Path, target: Path, contents: bool) -> list[str]:
        if source.stem == "dies" or (source.stem == "dies-once" and source.stem not in FakeSession.died):
            FakeSession.died.add(source.stem)
            raise OfficeUnavailable("stopped", "status -9")
        if source.stem == "bad":
            raise ConversionFailed("cannot open")
        self.done.append(source.stem)
        return [f"{source.stem}\t1"] if contents else []

    def end(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def requests(folder: Path, sizes: dict[str, int]) -> list[Request[str]]:
    out = []
    for name, size in sizes.items():
        path = folder / f"{name}.docx"
        path.write_bytes(b"x" * size)
        out.append(Request(name, path, folder / f"{name}.pdf", True))
    return out


def test_one_session_takes_the_documents_largest_first(tmp_path):
    FakeSession.started, FakeSession.died = [], set()
    pool = OfficePool(1, FakeSession)
    results = list(pool.convert_all(requests(tmp_path, {"small": 10, "large": 300, "middle": 100})))
    assert [r.item for r in results] == ["large", "middle", "small"]
    assert results[0].contents == ["large\t1"]
    assert FakeSession.started[0].done == ["large", "middle", "small"]


def test_a_stopped_session_is_started_again_and_its_document_tried_once_more(tmp_path):
    FakeSession.started, FakeSession.died = [], set()
    with OfficePool(2, FakeSession) as pool:
        results = {r.item: r for r in pool.convert_all(
            requests(tmp_path, {"a": 50, "dies-once": 40, "b": 30, "bad": 20, "c": 10}))}
    assert set(results) == {"a", "dies-once", "b", "bad", "c"}
    assert results["dies-once"].contents == ["dies-once\t1"]               # converted on the second try
    assert isinstance(results["bad"].failure, ConversionFailed)
    assert len(FakeSession.started) == 3                                   # two, and one started again
    assert FakeSession.started[0].closed or FakeSession.started[1].closed
    assert sorted(d for s in FakeSession.started for d in s.done) == ["a", "b", "c", "dies-once"]
    assert all(s.closed for s in FakeSession.started)


def test_a_document_that_stops_every_session_is_given_back_undone_and_the_others_are_made(tmp_path):
    FakeSession.started, FakeSession.died = [], set()
    with OfficePool(2, FakeSession) as pool:
        results = {r.item: r for r in pool.convert_all(requests(tmp_path, {"dies": 50, "a": 40, "b": 30}))}
    assert results["dies"].unavailable is not None and results["dies"].contents is None
    assert results["a"].contents == ["a\t1"] and results["b"].contents == ["b\t1"]


class BrokenPipeSession(FakeSession):
    """The first session's driver is gone: writing to it breaks the pipe."""

    def convert(self, source: Path, target: Path, contents: bool) -> list[str]:
        if FakeSession.started[0] is self:
            raise BrokenPipeError("Broken pipe")
        return super().convert(source, target, contents)


def test_a_broken_pipe_to_the_driver_counts_as_a_stopped_session(tmp_path):
    FakeSession.started, FakeSession.died = [], set()
    with OfficePool(1, BrokenPipeSession) as pool:
        results = list(pool.convert_all(requests(tmp_path, {"a": 10})))
    assert [r.contents for r in results] == [["a\t1"]]
    assert len(FakeSession.started) == 2 and FakeSession.started[0].closed


def test_documents_submitted_one_by_one_are_converted_in_that_order_and_finish_gives_every_result(tmp_path):
    """The build hands each document over as soon as it is written (pipeline/build/deliver.py `PdfFeed`): converted
    in the order handed over, whatever their size; a second batch on the same sessions after `finish`."""
    FakeSession.started, FakeSession.died = [], set()
    pool = OfficePool(1, FakeSession)
    for request in requests(tmp_path, {"small": 10, "large": 300, "bad": 20}):
        pool.submit(request)
    results = list(pool.finish())
    assert [r.item for r in results] == ["small", "large", "bad"]
    assert isinstance(results[2].failure, ConversionFailed)
    assert FakeSession.started[0].done == ["small", "large"]
    assert [r.item for r in pool.convert_all(requests(tmp_path, {"x": 1, "y": 2}))] == ["y", "x"]
    assert list(pool.finish()) == []                       # nothing submitted since
    pool.close()
    assert FakeSession.started[0].closed and len(FakeSession.started) == 1


def test_sessions_started_early_are_grown_to_the_number_needed(tmp_path):
    from pipeline.build.pdf import pool as pool_module
    FakeSession.started, FakeSession.died = [], set()
    pool = pool_module.start_early(8, FakeSession)     # before the build knows what changes: at most EARLY
    assert isinstance(pool, OfficePool) and len(pool.sessions) == pool_module.EARLY == 2
    pool.grow(3)
    pool.grow(2)
    assert len(pool.sessions) == 3 and len(FakeSession.started) == 3
