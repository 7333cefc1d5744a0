"""The Makefile and system checks tell a newcomer what to do."""

from __future__ import annotations

import re
import subprocess

from allguide.devtools import check_system

from conftest import ROOT


def test_missing_pango_prints_the_apt_get_line(monkeypatch, capsys):
    monkeypatch.setattr(
        check_system.ctypes.util,
        "find_library",
        lambda name: None if name == "pango-1.0" else f"lib{name}.so",
    )
    assert check_system.main(["check_system.py"]) == 1
    message = capsys.readouterr().err
    assert "missing: libpango-1.0-0" in message
    assert "sudo apt-get install libpango-1.0-0\n" in message


def test_nothing_missing_on_this_machine(capsys):
    assert check_system.main(["check_system.py"]) == 0
    assert capsys.readouterr().err == ""


def test_help_is_the_first_target_and_lists_every_target():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    first_target = re.search(r"^([a-z][\w-]*):", makefile, re.MULTILINE).group(1)
    assert first_target == "help"
    phony_line = re.search(r"^\.PHONY: ((?:.*\\\n)*.*)$", makefile, re.MULTILINE).group(1)
    phony = [word for word in phony_line.replace("\\\n", " ").split() if "$" not in word]
    result = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True, check=True)
    listed = {line.split()[0] for line in result.stdout.splitlines()[1:] if line.strip()}
    assert len(phony) > 10
    assert set(phony) - {"help"} <= listed
    assert "html-<lang>" in listed


def test_makefile_reads_the_same_languages_as_the_table():
    from allguide import languages

    result = subprocess.run(
        ["make", "-s", "--eval", "print-langs: ; @echo $(LANGS)", "print-langs"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout.split() == [language.code for language in languages.load()]


def test_missing_chromium_is_reported_for_tests_only(monkeypatch, capsys):
    real_which = check_system.shutil.which
    monkeypatch.setattr(
        check_system.shutil, "which", lambda name: None if name == "chromium" else real_which(name)
    )
    assert check_system.main(["check_system.py"]) == 0
    assert check_system.main(["check_system.py", "--tests"]) == 1
    assert "sudo apt-get install chromium" in capsys.readouterr().err


def test_ci_installs_only_what_is_missing(monkeypatch, capsys):
    # npm inside NodeSource's nodejs: asking apt for Debian's npm too breaks the install.
    real_which = check_system.shutil.which
    monkeypatch.setattr(
        check_system.shutil, "which", lambda name: None if name == "chromium" else real_which(name)
    )
    assert check_system.main(["check_system.py", "--missing"]) == 0
    assert capsys.readouterr().out.split() == ["chromium"]
    assert "--missing" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
