"""One LibreOffice session (a driver and its LibreOffice) for PDF copies, driven through uno_driver.py;
a build runs one per worker (pipeline/build/pdf/pool.py).

The driver must run under the system Python (Debian's python3-uno is not importable in a venv); it starts
LibreOffice in the background as soon as the session opens, so LibreOffice starts while the documents are rendered.
It runs in its own session (process group): a Ctrl-C in the terminal reaches the build, which then closes the
driver's input, and the driver closes LibreOffice and removes its profile.
"""
from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = Path("/usr/bin/python3")
DRIVER = Path(__file__).with_name("uno_driver.py")
READY_SECONDS = 180
DOCUMENT_SECONDS = 600


class OfficeUnavailable(Exception):
    """No PDF copies can be made: `reason` names the sentence (build.pdf_reasons.*), `detail` fills it."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class ConversionFailed(Exception):
    """One document could not be converted; the others go on."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class OfficeSession:
    def __init__(self) -> None:
        binary = soffice()
        if binary is None:
            raise OfficeUnavailable("soffice")
        if not SYSTEM_PYTHON.exists():
            raise OfficeUnavailable("python")
        self._process = subprocess.Popen([str(SYSTEM_PYTHON), str(DRIVER), binary], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         start_new_session=True)
        self._ready = False

    def _answer(self, seconds: float) -> dict[str, Any]:
        assert self._process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self._process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout=seconds):
                self.close()
                raise OfficeUnavailable("stopped", f"{seconds} s")
        line = self._process.stdout.readline()
        if not line:
            self.close()
            raise OfficeUnavailable("stopped", f"status {self._process.returncode}")
        return json.loads(line)

    def wait_ready(self) -> None:
        if self._ready:
            return
        answer = self._answer(READY_SECONDS)
        if not answer.get("ready"):
            self.close()
            raise OfficeUnavailable(answer.get("reason", "start"), answer.get("detail", ""))
        self._ready = True

    def convert(self, source: Path, target: Path, contents: bool) -> list[str]:
        """Store SOURCE as the PDF TARGET; with CONTENTS, the "heading<TAB>page" text of each of its tables of
        contents after LibreOffice has updated them."""
        self.wait_ready()
        assert self._process.stdin is not None
        request = {"source": os.fspath(source), "target": os.fspath(target), "contents": contents}
        self._process.stdin.write((json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8"))
        self._process.stdin.flush()
        answer = self._answer(DOCUMENT_SECONDS)
        if not answer.get("ok"):
            raise ConversionFailed(answer.get("error", ""))
        return list(answer.get("contents", []))

    def end(self) -> None:
        """Tell the driver to end (it closes LibreOffice), without waiting for it: `close` waits."""
        stdin = self._process.stdin
        if stdin is not None and not stdin.closed:
            try:
                stdin.close()
            except OSError:
                pass

    def close(self) -> None:
        """End the driver (it closes LibreOffice); a driver that does not end in time is killed with its group."""
        process = self._process
        if process.poll() is None:
            try:
                self.end()
                process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None and not stream.closed:
                stream.close()

    def __enter__(self) -> OfficeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
