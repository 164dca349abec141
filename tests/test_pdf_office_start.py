"""The PDF pass's LibreOffice start: its private profile says LibreOffice was not just upgraded, so a start runs no
graphics self-tests (they were 0.8 s of CPU of each start's 0.9 s)."""
from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import office_python, soffice

from pipeline.build.pdf import uno_driver

OOR = "{http://openoffice.org/2001/registry}"


def last_version(profile: Path) -> str:
    root = ET.parse(profile / "user" / "registrymodifications.xcu").getroot()
    [item] = [item for item in root if item.get(f"{OOR}path") == "/org.openoffice.Setup/Product"]
    [prop] = [prop for prop in item if prop.get(f"{OOR}name") == "ooSetupLastVersion"]
    value = prop.find("value")
    assert value is not None
    return value.text or ""


def test_the_profile_records_a_last_version_above_any_release(tmp_path):
    uno_driver.prepare_profile(str(tmp_path))
    version = last_version(tmp_path)
    major, minor = version.split(".")
    assert version == "999.9"
    assert int(major) * 10 + int(minor) > 25 * 10 + 8      # LibreOffice compares major * 10 + minor (7.4 → 74)


def test_a_profile_that_has_settings_keeps_them(tmp_path):
    settings = tmp_path / "user" / "registrymodifications.xcu"
    settings.parent.mkdir()
    settings.write_text("<oor:items/>", encoding="utf-8")
    uno_driver.prepare_profile(str(tmp_path))
    assert settings.read_text(encoding="utf-8") == "<oor:items/>"


SCRIPT = """
import json, os, sys
sys.path.insert(0, sys.argv[1])
import uno, uno_driver
office = uno_driver.Office(sys.argv[2], uno)
try:
    office.start()
    log = os.path.join(office.profile, "user", "GraphicsRenderTests.log")
    print(json.dumps({"self_tests": os.path.exists(log), "alive": office.alive()}))
finally:
    office.stop()
    office.remove_profile()
"""


@pytest.mark.office
def test_libreoffice_starts_on_the_profile_without_its_graphics_self_tests():
    office_python()
    result = subprocess.run(["/usr/bin/python3", "-c", SCRIPT, str(Path(uno_driver.__file__).parent), soffice()],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"self_tests": False, "alive": True}
