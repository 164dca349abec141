"""The long-lived guarded reader (pipeline/intake/guard.py `Reader`), as a build's worker uses it: one forked
process reads item after item; a crash, a time-out or the memory ceiling on one item is that item's outcome only,
and the next item is read by a fresh process; a reader left idle or grown too large ends and is replaced without
losing the item sent to it; and it dies with the process that made it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import pipeline.intake.guard as guard


def _task(item):
    """What the reader runs: ITEM names what to do, so one reader meets every case."""
    kind, value = item
    if kind == "crash":
        os.abort()                                  # a native library's failed allocation
    if kind == "raise":
        raise ValueError(value)
    if kind == "sleep":
        time.sleep(value)
    if kind == "greedy":
        return len(bytearray(50_000_000_000))
    if kind == "grow":
        _kept.append(bytearray(value))              # memory the reader keeps after the item
    return (kind, value, os.getpid())


_kept: list[bytearray] = []


@pytest.fixture()
def reader():
    made = guard.Reader(_task)
    yield made
    made.close()


def test_items_are_read_in_one_process_and_failures_are_each_their_own(reader, monkeypatch):
    monkeypatch.setattr(guard, "READ_SECONDS", 1)
    first = reader.run(("ok", 1))
    second = reader.run(("ok", 2))
    assert first[:2] == ("ok", 1) and second[:2] == ("ok", 2)
    assert first[2] == second[2] != os.getpid()              # the same reading process, not this one
    assert reader.run(("crash", 0)) == "crash"
    third = reader.run(("ok", 3))
    assert third[:2] == ("ok", 3) and third[2] != first[2]   # a new process after the crash
    assert reader.run(("sleep", 30)) == "time"
    assert reader.run(("greedy", 0)) == "memory"
    assert reader.run(("raise", "bug")) == "crash"
    assert reader.run(("ok", 4))[:2] == ("ok", 4)


def test_an_idle_reader_ends_and_the_next_item_is_still_read(reader, monkeypatch):
    monkeypatch.setattr(guard, "IDLE_SECONDS", 0.2)
    first = reader.run(("ok", 1))
    time.sleep(0.6)                                          # the reader has ended meanwhile
    second = reader.run(("ok", 2))
    assert second[:2] == ("ok", 2) and second[2] != first[2]


def test_a_reader_grown_past_its_bound_is_replaced(reader, monkeypatch):
    monkeypatch.setattr(guard, "RETIRE_MEMORY", 50_000_000)
    first = reader.run(("grow", 10_000_000))
    assert reader.run(("grow", 10_000_000))[2] == first[2]
    grown = reader.run(("grow", 60_000_000))                 # past the bound: its answer given, then it ends
    assert grown[2] == first[2]
    assert reader.run(("ok", 1))[2] != first[2]


def test_the_reader_dies_with_the_process_that_made_it(tmp_path):
    """A worker killed (a kill at Ctrl-C, out of memory) leaves no reading process behind."""
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {os.getcwd()!r}); sys.path.insert(0, {os.path.dirname(__file__)!r})
        import pipeline.intake.guard as guard
        guard.IDLE_SECONDS = 600                  # not ended for being idle: only its maker's end may end it
        from test_guard_reader import _task
        reader = guard.Reader(_task)
        print(reader.run(("ok", 1))[2], flush=True)
        time.sleep(60)
    """)
    maker = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        pid = int(maker.stdout.readline())
        assert _alive(pid)
        maker.send_signal(signal.SIGKILL)
        maker.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pid)
    finally:
        maker.kill()
        maker.wait()


def _alive(pid: int) -> bool:
    """Whether PID runs (a zombie, dead but not yet collected by its new parent, counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
