"""Shared fixtures: reference data and labels loaded once, sample plans, LibreOffice conversion."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from functools import partial
from pathlib import Path

import pytest
import timing
from build_helpers import two_lines, two_lines_built  # noqa: F401 — the fixtures of two sample lines built once
from click.testing import CliRunner
from office import convert, office_python, soffice  # noqa: F401 — imported by tests from here
from renders import Renders, read_sample_workbook

try:                                            # pytest 9.2 and later: structured node ids
    from _pytest.nodeid import NodeId
except ImportError:                             # earlier: xdist's "@group" suffix works as it is
    NodeId = None

from pipeline.catalog import Labels
from pipeline.reference import Reference
from pipeline.render import oxml
from pipeline.render.context import RenderContext

AS_OF = dt.date(2026, 11, 26)
oxml.install()          # the library patches, as the build and the kit command install them before rendering


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference.load()


@pytest.fixture(scope="session")
def labels() -> Labels:
    return Labels.load()


@pytest.fixture(scope="session")
def ctx(reference, labels) -> RenderContext:
    return RenderContext(reference, labels, AS_OF)


@pytest.fixture(scope="session")
def renders(ctx, tmp_path_factory) -> Renders:
    """The samples' documents, rendered once per test process (see tests/renders.py)."""
    return Renders(ctx, tmp_path_factory.mktemp("renders"), variant="fi")


@pytest.fixture(scope="session")
def sv() -> Labels:
    return Labels.load("sv")


@pytest.fixture(scope="session")
def sv_reference() -> Reference:
    return Reference.load(language="sv")


@pytest.fixture(scope="session")
def sv_renders(sv, sv_reference, tmp_path_factory) -> Renders:
    """The same documents in Swedish, as a Swedish run makes them: the sample *workbooks* read in Swedish (which
    gives the standard names their Swedish form) and rendered with the Swedish labels, once per process."""
    return Renders(RenderContext(sv_reference, sv, AS_OF), tmp_path_factory.mktemp("renders-sv"),
                   partial(read_sample_workbook, sv_reference, sv), variant="sv")


# The run's shared folder: LibreOffice conversions (tests/office.py) and the accounting (tests/timing.py). The main
# process makes it; its xdist workers inherit it through the environment.
SHARED = "DIGIPLAN_TEST_CONVERSIONS"
STARTED = time.monotonic()


def pytest_configure(config) -> None:
    global STARTED
    if not hasattr(config, "workerinput"):
        STARTED = time.monotonic()
        os.environ[SHARED] = tempfile.mkdtemp(prefix="digiplan-libreoffice-")
        # the builds' read results (pipeline/build/readcache.py) kept in the run's own folder, never the user's
        os.environ["XDG_CACHE_HOME"] = os.path.join(os.environ[SHARED], "cache")
    timing.FOLDER = Path(os.environ[SHARED])


def pytest_unconfigure(config) -> None:
    if not hasattr(config, "workerinput") and timing.FOLDER is not None:
        shutil.rmtree(timing.FOLDER, ignore_errors=True)


def pytest_sessionfinish(session) -> None:
    """Each process's CPU with its children (the main process's without: its children are the workers)."""
    worker = getattr(session.config, "workerinput", {}).get("workerid")
    controller = session.config.pluginmanager.hasplugin("dsession")          # xdist's main process
    timing.log(timing.FOLDER, "workers", worker or "main", f"{time.monotonic() - STARTED:.1f}",
               f"{timing.cpu(children=not controller):.1f}")


# `make test` spreads the tests over the workers one by one (`--dist loadgroup`), except the tests that share a
# costly setup, which stay on one worker as one group: a module's tests when the module has a fixture of its own
# made once per module, and the tests of the shared LibreOffice layouts (marked xdist_group("libreoffice-…")).
# The groups are sent first, the LibreOffice ones before the others (they are the longest), and the single tests
# last, which fill in so that the workers finish together.
@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if not item.get_closest_marker("xdist_group") and _module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    if hasattr(config, "workerinput"):          # each worker collects; the main process sends in this order
        items.sort(key=_send_order)
    result = yield
    if getattr(config.option, "loadgroup", False):      # set in each xdist worker under --dist loadgroup
        for item in items:
            _keep_group(item)
    return result


def _keep_group(item) -> None:
    """xdist names a test's group by appending "@group" to its `_nodeid`, which pytest 9.2 no longer reads (its node
    ids are structured): without this every test would be sent alone (pytest-xdist issue #1386, open)."""
    wanted = item.__dict__.get("_nodeid")
    if NodeId is not None and wanted and item.nodeid != wanted and isinstance(getattr(item, "_id", None), NodeId):
        item._id = NodeId.parse(wanted)


def _module_fixture(item) -> bool:
    """Whether ITEM uses a fixture its own module defines with the scope "module" (or "class")."""
    info = getattr(item, "_fixtureinfo", None)
    module = getattr(item, "module", None)
    return info is not None and module is not None and any(
        defs[-1].scope in ("module", "class") and getattr(defs[-1].func, "__module__", None) == module.__name__
        for defs in info.name2fixturedefs.values() if defs)


def _send_order(item) -> int:
    group = item.get_closest_marker("xdist_group")
    return 2 if group is None else 0 if str(group.args[0] if group.args else "").startswith("libreoffice") else 1


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    clock = timing.Clock()
    yield
    clock.stop(timing.FOLDER, item.nodeid)


@pytest.fixture(scope="session", autouse=True)
def count_builds():
    """Every `digiplan build` a test runs in-process (CliRunner) is counted for the run's summary."""
    invoke = CliRunner.invoke

    def counted(self, cli, args=None, *more, **options):
        if args and "build" in args and "--help" not in args:
            timing.log(timing.FOLDER, "builds", os.environ.get("PYTEST_CURRENT_TEST", "").split("::")[0])
        return invoke(self, cli, args, *more, **options)

    CliRunner.invoke = counted
    yield
    CliRunner.invoke = invoke


def pytest_terminal_summary(terminalreporter, config) -> None:
    """The run's own duration (also under -qq, which hides pytest's line), its CPU, LibreOffice calls (the tests'
    conversions; the build's own --pdf pass is not counted), builds and renders; DIGIPLAN_TEST_SLOWEST=N lists the
    N tests that took the most CPU."""
    if hasattr(config, "workerinput"):
        return
    for line in timing.summary(timing.FOLDER, STARTED):
        terminalreporter.write_line(line)
