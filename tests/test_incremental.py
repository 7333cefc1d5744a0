"""`make` is incremental: nothing to do means no Sphinx run; one catalog edit, one language."""

from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT, copy_project

# Only in make test, not make test-fast: `make` stories: what a rebuild rebuilds.
pytestmark = pytest.mark.full


def make(project, *arguments) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", *arguments, f"VENV={ROOT / '.venv'}", "LANGS=en es"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_no_op_runs_no_sphinx_and_an_edit_rebuilds_only_its_language(tmp_path):
    project = copy_project(tmp_path / "project")
    first = make(project, "html")
    assert "sphinx-build html and handouts [en]" in first
    assert "sphinx-build html and handouts [es]" in first
    assert "sphinx-build" not in make(project, "html")
    catalog = project / "locale" / "es" / "LC_MESSAGES" / "symptoms.po"
    text = catalog.read_text("utf-8")
    catalog.write_text(text.replace('msgstr "Señales y síntomas"', 'msgstr "Señales y síntomas."'))
    rebuilt = make(project, "html")
    assert "sphinx-build html and handouts [es]" in rebuilt
    assert "[en]" not in rebuilt
    page = (project / "_build" / "html" / "es" / "symptoms.html").read_text("utf-8")
    assert "Señales y síntomas." in page
    # A new address is printed by every language: all are rebuilt, not only out-of-date
    # ones (a release once kept the placeholder address in twelve languages).
    address = "https://guide.example.net/all/"
    moved = make(project, "html", f"BASEURL={address}")
    assert "[en]" in moved and "[es]" in moved
    for code in ("en", "es"):
        page = (project / "_build" / "html" / code / "symptoms.html").read_text("utf-8")
        assert f'href="{address}{code}/symptoms.html"' in page, code
    assert "sphinx-build" not in make(project, "html", f"BASEURL={address}")


def test_read_the_docs_builds_with_the_makefile():
    import yaml

    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text("utf-8"))
    commands = config["build"]["commands"]
    assert commands[0].startswith("make all")
    assert "cp -r _build/html $READTHEDOCS_OUTPUT/html" in commands
    assert {"fonts-noto-core", "fonts-noto-cjk"} <= set(config["build"]["apt_packages"])
