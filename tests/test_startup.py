"""Start-up: a command imports only what it uses (most of `magclean clean` on an issue is start-up).

Timings are benchmarks (``benchmarks/clean_speed.py``, ``benchmarks/convert_speed.py``), not tests;
what a command imports is checked here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).parent.parent / "fixtures" / "000_b75e2609f1de16f2.txt"

# Modules `magclean clean` on UTF-8 text has no use for: the conversion, batch and golden commands
# and their libraries, encoding detection, package metadata and package resources.
NOT_FOR_CLEAN = ("converters.pipeline", "converters.script", "converters.epub", "converters.docx_form",
                 "magclean.cmd_convert", "magclean.cmd_batch", "magclean.batch", "magclean.golden",
                 "magclean.report", "ebooklib", "docx", "tqdm", "multiprocessing", "concurrent.futures",
                 "charset_normalizer", "importlib.metadata", "importlib.resources")


def modules_loaded_by(*args: str) -> set[str]:
    """Every module in ``sys.modules`` when the ``magclean ARGS`` command has finished."""
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print(*sorted(sys.modules), file=sys.stderr))\n"
            "from magclean.cli import main\n"
            f"sys.argv = ['magclean', *{list(args)!r}]\n"
            "main()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(result.stderr.split())


def test_clean_imports_no_conversion_batch_or_detection_module(tmp_path: Path) -> None:
    loaded = modules_loaded_by("clean", str(SEED), "-o", str(tmp_path / "out.txt"))
    assert "cleaner.pipeline" in loaded  # the list is the command's own
    assert sorted(loaded & set(NOT_FOR_CLEAN)) == []


def test_convert_to_text_imports_no_epub_docx_or_batch_module(tmp_path: Path) -> None:
    loaded = modules_loaded_by("convert", str(SEED), "--to", "txt", "-o", str(tmp_path / "out.txt"))
    assert "converters.pipeline" in loaded
    assert sorted(loaded & {"ebooklib", "docx", "tqdm", "magclean.batch", "charset_normalizer"}) == []
    # A built-in format is imported by name: no entry-point scan, no other converter's module.
    assert sorted(loaded & {"importlib.metadata", "converters.epub", "converters.docx_form",
                            "converters.json_form", "converters.script"}) == []  # nor, without
    # --script or --quotes, the script conversion


def test_convert_to_epub_imports_its_converter_alone(tmp_path: Path) -> None:
    loaded = modules_loaded_by("convert", str(SEED), "--to", "epub", "-o", str(tmp_path / "out.epub"))
    assert "converters.epub" in loaded
    assert sorted(loaded & {"importlib.metadata", "converters.docx_form", "docx"}) == []
