"""A build with nothing to do is answered from its manifest: it reads only the catalogue files its answer shows and
never loads the reference data, the schema or the readers; a build with something to do reads every catalogue and
data file first, so that a broken one stops it before anything is written."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import textwrap

import pytest
from build_helpers import AS_OF

from pipeline.build.incremental import BuildState
from pipeline.build.stages import run_build
from pipeline.catalog import Labels
from pipeline.exceptions import ConfigError
from pipeline.paths import TEMPLATES, OutputLayout
from pipeline.render.context import RenderContext

PROBE = textwrap.dedent("""
    import json, sys
    import pipeline.catalog as catalog
    read = []
    original = catalog._read_file
    catalog._read_file = lambda path: read.append(path.name) or original(path)
    sys.argv = ["digiplan", "build", sys.argv[1], "-o", sys.argv[2], "--as-of", sys.argv[3]]
    from pipeline.cli import main
    try:
        main()
    except SystemExit as end:
        status = end.code
    modules = [name for name in ("pydantic", "pipeline.reference", "pipeline.schema", "openpyxl", "docx", "pptx")
               if name in sys.modules]
    print(json.dumps({"status": status, "read": sorted(read), "modules": modules}))
""")


def test_nothing_to_do_reads_six_catalogue_files_and_no_reference_data(two_lines):
    inputs, out = two_lines
    done = subprocess.run([sys.executable, "-c", PROBE, str(inputs), str(out), AS_OF],
                          capture_output=True, text=True, check=True)
    answer = json.loads(done.stdout.splitlines()[-1])
    assert answer["status"] == 0
    assert answer["modules"] == []
    assert answer["read"] == ["build.fi.toml", "cli.fi.toml", "click.fi.toml", "common.fi.toml", "output.fi.toml",
                              "report.fi.toml"]


@pytest.fixture()
def broken_templates(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates, ignore=shutil.ignore_patterns("samples"))
    path = templates / "labels" / "deck.fi.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\nrikki = "ei lopetettu\n', encoding="utf-8")
    return templates


def test_a_broken_catalogue_file_is_named_when_read(broken_templates):
    labels = Labels.load("fi", broken_templates)         # read when first used: the build asks for all at once
    assert labels.get("report.written", path="x") == Labels.load("fi").get("report.written", path="x")
    with pytest.raises(ConfigError) as caught:
        labels.read_all()
    assert caught.value.file == str(broken_templates / "labels" / "deck.fi.toml")
    assert "Tekstitiedoston muoto on virheellinen rivillä" in caught.value.describe(labels)


def test_a_build_with_a_broken_catalogue_stops_before_writing_anything(broken_templates, two_lines):
    inputs, out = two_lines
    shutil.rmtree(out)
    labels = Labels.load("fi", broken_templates)
    context = RenderContext.deferred(labels, dt.date(2026, 11, 25), broken_templates)
    layout = OutputLayout.of(out, labels)
    with pytest.raises(ConfigError):
        run_build(sorted(inputs.glob("*.xlsx")), [], layout, context, 1)
    assert not out.exists() or [p for p in out.rglob("*") if p.is_file()] == []
    assert BuildState.load(layout.manifest()).outputs == {}
