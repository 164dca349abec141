"""An interrupted build (Ctrl-C, a kill) leaves every file it finished whole and none half-written; the next run
finishes the job."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

import pipeline.officefiles as officefiles
from pipeline.cli import cli
from pipeline.paths import DEFAULT_INPUT, PROJECT_ROOT, OutputLayout

AS_OF = "25.11.2026"
INTERRUPTED = ("Koonti keskeytettiin. Valmiit tiedostot säilyivät ennallaan; aja koonti uudelleen, niin se tekee "
               "loput.")


@pytest.fixture()
def inputs(tmp_path, labels):
    folder = tmp_path / "in"
    folder.mkdir()
    for code in ("NAO", "AVO"):
        shutil.copy(OutputLayout.of(DEFAULT_INPUT, labels).sample_workbook(code), folder)
    return folder


def build(inputs, out, *extra):
    return CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--as-of", AS_OF, *extra])


def outputs(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))


def assert_whole(path: Path) -> None:
    """The file opens as what it is."""
    if path.suffix == ".docx":
        assert Document(str(path)).paragraphs
    elif path.suffix == ".pptx":
        assert len(Presentation(str(path)).slides) > 0
    elif path.suffix == ".xlsx":
        assert load_workbook(path).sheetnames
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
    else:
        assert path.read_text(encoding="utf-8")


def test_interrupt_while_a_file_is_written_leaves_no_half_file_and_the_next_run_finishes(inputs, tmp_path,
                                                                                          monkeypatch):
    out = tmp_path / "out"
    replace = os.replace
    calls = []

    def interrupted_on_the_fourth(source, target):
        calls.append(target)
        if len(calls) == 4:
            raise KeyboardInterrupt            # Ctrl-C between writing the temporary file and renaming it
        replace(source, target)

    monkeypatch.setattr(officefiles.os, "replace", interrupted_on_the_fourth)
    result = build(inputs, out, "-j", "1")
    monkeypatch.undo()
    assert result.exit_code == 130
    assert result.output.rstrip().splitlines()[-1] == INTERRUPTED
    assert "Traceback" not in result.output
    assert not list(out.rglob("*.tmp"))
    finished = outputs(out)
    assert len(finished) == 3 and Path(calls[3]) not in finished
    for path in finished:
        assert_whole(path)
    again = build(inputs, out)
    assert again.exit_code == 0, again.output
    assert f"Valmis kansiossa {out}: 13 tiedostoa kirjoitettu, 3 ennallaan." in again.output
    assert len(outputs(out)) == 17          # 16 deliverables and the facts snapshot (historia/)


def as_from_a_shell() -> None:
    """The build starts as a terminal starts it: Ctrl-C neither ignored nor blocked. A test runner's worker may hold
    either (inherited across exec), and the build would then never see the signal this test sends."""
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_build(inputs: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "build", str(inputs), "-o", str(out), "--as-of",
                             AS_OF, "-j", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, preexec_fn=as_from_a_shell)


def wait_for_a_document(process: subprocess.Popen, out: Path) -> None:
    deadline = time.monotonic() + 180
    while not any(out.rglob("*.docx")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_kill_mid_build_keeps_finished_files_whole(inputs, tmp_path, signum):
    out = tmp_path / "out"
    process = start_build(inputs, out)
    wait_for_a_document(process, out)
    os.killpg(process.pid, signum) if signum == signal.SIGINT else process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, (stdout + stderr, signal.getsignal(signal.SIGINT),
                                       signal.pthread_sigmask(signal.SIG_BLOCK, set()))
    assert stderr.rstrip().splitlines()[-1] == INTERRUPTED
    assert "Traceback" not in stdout + stderr
    assert not list(out.rglob("*.tmp"))
    finished = outputs(out)
    for path in finished:
        assert_whole(path)
    again = build(inputs, out)
    assert again.exit_code == 0, again.output
    kept = int(re.search(r"kirjoitettu, (\d+) ennallaan", again.output).group(1))
    # every finished file is kept; one renamed into place just as the signal came may not have been recorded yet,
    # and is then made again
    assert len(finished) - 1 <= kept <= len(finished)
    assert len(outputs(out)) == 17          # 16 deliverables and the facts snapshot (historia/)


def test_killed_outright_the_next_run_finishes_and_clears_what_was_left(inputs, tmp_path):
    out = tmp_path / "out"
    process = start_build(inputs, out)
    wait_for_a_document(process, out)
    os.killpg(process.pid, signal.SIGKILL)                      # the build and its workers, no time to tidy up
    process.communicate(timeout=60)
    for path in outputs(out):
        assert_whole(path)
    again = build(inputs, out)
    assert again.exit_code == 0, again.output
    assert len(outputs(out)) == 17          # 16 deliverables and the facts snapshot (historia/)
    assert not list(out.rglob("*.tmp"))


# A worker that stops half-way through sending its result (the message's length and half its bytes), as a worker
# killed while sending one leaves the result pipe; then it waits ("interrupt": the script is interrupted meanwhile)
# or dies ("die"). The workers are forked from the script, so they run this `put`; the other worker is busy, so
# that message is the only one in the pipe.
HALF_SENT = """
import multiprocessing.queues, os, pickle, signal, struct, sys, threading, time
from pathlib import Path
from pipeline.build.workers import Workers
from pipeline.render.context import RenderContext

MARKER, MODE = Path(sys.argv[1]), sys.argv[2]
SCRIPT = os.getpid()

def half_sent(queue, obj):
    if os.getpid() == SCRIPT:
        raise AssertionError("only workers send results")
    data = pickle.dumps(obj)
    os.write(queue._writer.fileno(), struct.pack("!i", len(data)) + data[:len(data) // 2])
    MARKER.touch()
    if MODE == "die":
        os._exit(1)
    time.sleep(120)

def square(item, ctx):
    if item > 1:
        time.sleep(120)
    return item * item

def interrupt_once_stalled():
    while not MARKER.exists():
        time.sleep(0.01)
    os.kill(SCRIPT, signal.SIGINT)

multiprocessing.queues.SimpleQueue.put = half_sent
if MODE == "interrupt":
    threading.Thread(target=interrupt_once_stalled, daemon=True).start()
try:
    with Workers(RenderContext.load(), 2) as pool:
        for item, result, error, _ in sorted(pool.run(square, [1, 2, 3, 4])):
            print(item, result, error.split(":")[0])
except KeyboardInterrupt:
    print("interrupted, pool ended")
"""


def half_sent(tmp_path: Path, mode: str) -> str:
    done = subprocess.run([sys.executable, "-c", HALF_SENT, str(tmp_path / "sending"), mode], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=30)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


def test_an_interrupt_while_a_worker_is_sending_its_result_still_ends_the_build(tmp_path):
    """Ctrl-C ends the workers at once, one of them perhaps half-way through sending a rendered document: shutting
    the pool down must not wait for the rest of that message (a build that never ended, seen once in the suite)."""
    assert half_sent(tmp_path, "interrupt") == "interrupted, pool ended\n"


def test_a_worker_killed_while_sending_its_result_fails_the_batch_instead_of_hanging(tmp_path):
    """A worker killed (out of memory, a signal) half-way through sending a result, while the other is busy: the
    pool is broken, every item of the batch fails with the reason, and the build goes on."""
    assert half_sent(tmp_path, "die") == "".join(f"{n} None BrokenProcessPool\n" for n in (1, 2, 3, 4))


GUARDED_READ = """
import sys, time
from pathlib import Path
from pipeline.intake import guard

def reading():
    Path(sys.argv[1]).touch()
    time.sleep(60)

try:
    guard.guarded(reading)
except KeyboardInterrupt:
    print("interrupted")
"""


def test_ctrl_c_while_a_workbook_is_read_in_the_builds_own_process_prints_no_traceback(tmp_path):
    """A small batch is read in the build's own process (one guarded process per workbook): Ctrl-C, which the
    terminal sends to every process of the build, reaches the build only, and the reading process ends at once."""
    marker = tmp_path / "reading"
    process = subprocess.Popen([sys.executable, "-c", GUARDED_READ, str(marker)], cwd=PROJECT_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=as_from_a_shell)
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert (stdout, stderr) == ("interrupted\n", "")
