"""Build the site and handouts of the languages `make` found out of date, several at once.

usage: guide-build-languages --jobs N BUILD_DIR -- SPHINX_OPTION ...

`make` records each out-of-date language as an empty file BUILD_DIR/queue/<lang>; this
script builds them all. Each language: its catalogs are checked as `make check-po`
does (an error stops that language only), then one Sphinx run reads the pages once
and writes the handouts and the site (allguide/handouts/with_site.py) into a new folder that
replaces BUILD_DIR/html/<lang>/ only when the build succeeded. Python, Sphinx,
WeasyPrint and the extensions are imported once, here, and each language is built
in a forked child: starting them anew for every language cost about a second each,
a quarter of a small language's build. A child's output is printed whole when it
ends, so languages' logs never interleave.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path


def _warm_up() -> None:
    """Import what every build needs, once, before forking."""
    # conf.py's extensions and what they import (the handout builder, the checks).
    import furo  # noqa: F401
    import myst_parser.sphinx_ext.main  # noqa: F401
    import sphinx.cmd.build  # noqa: F401
    import weasyprint  # noqa: F401

    import allguide.handouts.builder  # noqa: F401
    from allguide.catalogs.checks.interface_messages import interface_msgids
    from allguide.sphinxext import (
        accessible_html,  # noqa: F401
        search_languages,  # noqa: F401
        site_languages,  # noqa: F401
    )

    # Read from the templates once, here, rather than in every language's child.
    interface_msgids()


def _build(language: str, build_dir: Path, sphinx_options: list[str], workers: int) -> int:
    """In the child: check the catalogs, then build; the exit status says how it went."""
    from allguide import upstream
    from allguide.catalogs import check_po

    print(f"sphinx-build html and handouts [{language}]", flush=True)
    if language != "en" and check_po.main(["check_po.py", language]) != 0:
        print(f"[{language}] not built: fix the catalog errors above", flush=True)
        return 1
    # Written whole into a new folder, then swapped in: a failed build leaves the
    # previous site exactly as it was, and nothing of an older build survives.
    site = build_dir / "html" / language
    fresh = build_dir / "html" / f".{language}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    status = upstream.sphinx_build_main(
        [
            "-b", "html", *sphinx_options,
            "-d", str(build_dir / "doctrees" / language),
            "-D", f"language={language}",
            "-D", f"handouts_output_dir={(build_dir / 'handouts').resolve()}",
            "-D", "handouts_with_site=1",
            # The languages share the cores; PDFs in parallel inside each only when there
            # are fewer languages than cores (one edited catalog: 7.8 s became 5 s on 2
            # cores), never more (measured: 3 s slower on 2 cores).
            "-D", f"handouts_workers={workers}",
            "docs", str(fresh),
        ]
    )  # fmt: skip
    if status != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"[{language}] not built; the previous site is left as it was", flush=True)
        return status
    (fresh / ".built").touch()
    _swap(fresh, site)
    return 0


def _swap(fresh: Path, site: Path) -> None:
    """Put `fresh` in the place of `site` (two renames; readers never see a half-built site)."""
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def _report_crash(language: str, error: BaseException) -> None:
    """One line for the log (the other languages' logs stay readable), the traceback in a file."""
    import traceback

    if isinstance(error, OSError) and error.filename:
        print(f"{error.filename}: error: {error.strerror}")
    report = Path(tempfile.mkstemp(prefix=f"build-{language}-crash-", suffix=".txt")[1])
    report.write_text(traceback.format_exc(), encoding="utf-8")
    print(
        f"[{language}] not built: the build stopped on {type(error).__name__}: {error}; "
        f"the other languages go on. Its traceback is in {report}: please report it."
    )


def _start(
    language: str, build_dir: Path, sphinx_options: list[str], workers: int
) -> tuple[int, Path]:
    log = Path(tempfile.mkstemp(prefix=f"build-{language}-", suffix=".log")[1])
    child = os.fork()
    if child == 0:
        with log.open("w", encoding="utf-8") as output:
            os.dup2(output.fileno(), 1)
            os.dup2(output.fileno(), 2)
            sys.stdout = sys.stderr = output
            try:
                status = _build(language, build_dir, sphinx_options, workers)
            except SystemExit as stop:
                if isinstance(stop.code, str):
                    print(stop.code)
                status = stop.code if isinstance(stop.code, int) else 1
            except BaseException as error:  # noqa: BLE001 - a crash is reported, never hidden
                _report_crash(language, error)
                status = 1
            output.flush()
        os._exit(status)
    return child, log


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("build_dir", type=Path)
    parser.add_argument("sphinx_options", nargs="*")
    args = parser.parse_args(argv[1:])
    queue = args.build_dir / "queue"
    queued = {path.name for path in queue.glob("*")} if queue.is_dir() else set()
    if not queued:
        return 0
    from allguide import languages  # after the check above: a no-op build stays instant

    codes = [language.code for language in languages.load() if language.code in queued]
    codes += sorted(queued - set(codes))
    for language in codes:
        (queue / language).unlink()
    _warm_up()
    waiting = list(codes)
    running: dict[int, tuple[str, Path]] = {}
    failed = []
    # Cores left over when fewer languages than cores are out of date go to their PDFs.
    workers = max(1, args.jobs // len(codes))
    while waiting or running:
        while waiting and len(running) < args.jobs:
            language = waiting.pop(0)
            child, log = _start(language, args.build_dir, args.sphinx_options, workers)
            running[child] = (language, log)
        child, status = os.wait()
        language, log = running.pop(child)
        sys.stdout.write(log.read_text(encoding="utf-8", errors="replace"))
        sys.stdout.flush()
        log.unlink()
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(language)
    if failed:
        print(f"Not built: {' '.join(failed)} (see the messages above)")
    return 1 if failed else 0


if __name__ == "__main__":
    from allguide import languages

    languages.run_command(main)
