"""The check that names the system packages a fresh machine lacks, before any traceback."""

import subprocess
import sys

from ptn import preflight


def test_this_machine_has_every_library_the_reports_load():
    assert preflight.missing_requirements() == []


def test_a_missing_pango_is_named_with_the_debian_package_to_install():
    missing = preflight.missing_requirements(loads=lambda name: "pango" not in name)

    message = preflight.missing_message(missing)

    assert [r.package for r in missing] == ["libpango-1.0-0", "libpangoft2-1.0-0"]
    assert "Bibliothèques système manquantes" in message
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in message


def test_the_check_fails_with_its_own_exit_code_and_a_french_message(monkeypatch, capsys):
    monkeypatch.setattr(preflight, "library_loads", lambda name: name != "libfontconfig.so.1")

    assert preflight.main() == preflight.MISSING_EXIT_CODE
    assert "paquet libfontconfig1" in capsys.readouterr().err


def test_a_missing_chromium_is_only_a_note(monkeypatch, capsys):
    monkeypatch.setenv("PTN_CHROMIUM", "/nonexistent/chromium")

    assert preflight.main() == 0
    assert "Facultatif, absent : paquet chromium" in capsys.readouterr().err


def test_a_library_that_does_not_exist_does_not_load():
    assert not preflight.library_loads("libdoes-not-exist.so.0")


def test_the_command_runs_with_the_standard_library_alone():
    result = subprocess.run(
        [sys.executable, "-I", "-S", "ptn/preflight.py"], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
