"""Drive one LibreOffice through its UNO API: load each document, update its tables of contents, store a PDF.

Runs under the SYSTEM Python (`/usr/bin/python3`, where Debian's python3-uno lives), never the project's venv, so it
imports nothing from digiplan. Started by session.py (beside it) as `/usr/bin/python3 uno_driver.py SOFFICE`; talks
JSON lines: it first answers {"ready": true} (or {"ready": false, "reason": "uno" | "start", "detail": …}), then
for each request {"source": PATH, "target": PATH, "contents": BOOL} it answers {"ok": true, "contents": [TEXT…]}
(each index's "heading<TAB>page" lines after the update) or {"ok": false, "error": TEXT}. End of input: LibreOffice
is closed and its private profile removed.

LibreOffice runs with a private user profile and listens on a named pipe, so builds running side by side (tests in
parallel) never share an instance. A LibreOffice that dies is started again, and the document it died on is tried
once more.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from typing import Any

START_SECONDS = 120
FILTERS = {".docx": "writer_pdf_Export", ".doc": "writer_pdf_Export", ".odt": "writer_pdf_Export",
           ".pptx": "impress_pdf_Export", ".odp": "impress_pdf_Export",
           ".xlsx": "calc_pdf_Export", ".ods": "calc_pdf_Export"}
PDF_A2B = 2                         # SelectPdfVersion: PDF/A-2b
# The private profile's settings, written before LibreOffice first starts on it. A profile that has never recorded a
# "last version" counts as just upgraded, and on such a start LibreOffice runs its graphics self-tests (about 100
# drawings on 4096-pixel surfaces, logged to GraphicsRenderTests.log): 0.8 s of CPU, most of a start. A last
# version above any release (LibreOffice compares major * 10 + minor) says it is not: no self-tests, no first-run
# or what's-new handling, which a headless LibreOffice never shows anyway.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse">\
<value>999.9</value></prop></item>
</oor:items>
"""


def prepare_profile(profile: str) -> None:
    """The settings LibreOffice reads on its first start on the private PROFILE (a folder), written unless there."""
    settings = os.path.join(profile, "user", "registrymodifications.xcu")
    if not os.path.exists(settings):
        os.makedirs(os.path.dirname(settings), exist_ok=True)
        with open(settings, "w", encoding="utf-8") as handle:
            handle.write(PROFILE_SETTINGS)


class Office:
    def __init__(self, soffice: str, uno) -> None:
        self.soffice = soffice
        self.uno = uno
        self.profile = tempfile.mkdtemp(prefix="digiplan-lo-")
        self.process: subprocess.Popen | None = None
        self.desktop: Any = None

    def _props(self, **values):
        from com.sun.star.beans import PropertyValue  # deferred: only once `uno` has been imported
        props = []
        for name, value in values.items():
            prop = PropertyValue()
            prop.Name, prop.Value = name, value
            props.append(prop)
        return tuple(props)

    def start(self) -> None:
        from com.sun.star.connection import NoConnectException  # deferred: only once `uno` is imported
        prepare_profile(self.profile)
        pipe = f"digiplan{uuid.uuid4().hex}"
        self.process = subprocess.Popen(
            [self.soffice, f"-env:UserInstallation=file://{self.profile}", "--headless", "--invisible",
             "--nologo", "--nodefault", "--norestore", "--nolockcheck", f"--accept=pipe,name={pipe};urp;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = self.uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if self.process.poll() is not None:
                    raise RuntimeError(f"soffice exited with status {self.process.returncode}") from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no answer in {START_SECONDS} s") from None
                time.sleep(0.02)        # LibreOffice answers about half a second after it starts: asked often
        self.desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)

    def convert(self, source: str, target: str, contents: bool) -> list[str]:
        url = self.uno.systemPathToFileUrl(os.path.abspath(source))
        document = self.desktop.loadComponentFromURL(url, "_blank", 0, self._props(Hidden=True, ReadOnly=True))
        if document is None:
            raise RuntimeError(f"LibreOffice could not open {source}")
        try:
            texts = []
            if contents and hasattr(document, "getDocumentIndexes"):
                indexes = document.getDocumentIndexes()
                for n in range(indexes.getCount()):
                    index = indexes.getByIndex(n)
                    index.update()
                    texts.append(index.getAnchor().getString())
            extension = os.path.splitext(source)[1].lower()
            data = self.uno.Any("[]com.sun.star.beans.PropertyValue",
                                self._props(SelectPdfVersion=PDF_A2B, UseTaggedPDF=True, ExportBookmarks=True))
            document.storeToURL(self.uno.systemPathToFileUrl(os.path.abspath(target)),
                                self._props(FilterName=FILTERS[extension], FilterData=data))
            return texts
        finally:
            document.close(True)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        try:
            if self.desktop is not None:
                self.desktop.terminate()
        except Exception:  # noqa: BLE001 — LibreOffice may be gone already
            pass
        if self.process is not None:
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.desktop = self.process = None

    def remove_profile(self) -> None:
        shutil.rmtree(self.profile, ignore_errors=True)


def main() -> int:
    # Answers go to the real stdout only; anything a library prints goes to stderr.
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)

    def answer(message: dict) -> None:
        answers.write(json.dumps(message, ensure_ascii=False) + "\n")
        answers.flush()

    try:
        import uno  # deferred: LibreOffice's own module, missing from other Pythons (answered below)
    except ImportError:
        answer({"ready": False, "reason": "uno", "detail": ""})
        return 0
    office = Office(sys.argv[1], uno)
    try:
        try:
            office.start()
        except Exception as error:  # noqa: BLE001 — said to the build in words, never a traceback
            answer({"ready": False, "reason": "start", "detail": str(error)})
            return 0
        answer({"ready": True})
        for line in sys.stdin:
            request = json.loads(line)
            for attempt in range(2):
                try:
                    if not office.alive():
                        office.stop()
                        office.start()
                    answer({"ok": True, "contents": office.convert(request["source"], request["target"],
                                                                   request.get("contents", False))})
                    break
                except Exception as error:  # noqa: BLE001 — one document's failure is reported, the others go on
                    if attempt == 0 and not office.alive():     # LibreOffice died under it: started again, once
                        continue
                    answer({"ok": False, "error": f"{type(error).__name__}: {error}"})
                    break
    finally:
        office.stop()
        office.remove_profile()
    return 0


if __name__ == "__main__":
    sys.exit(main())
