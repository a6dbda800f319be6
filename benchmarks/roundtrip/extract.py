"""The four real extractions of a PDF, unchanged: what a user of each program would get.

- ``pdftotext``: poppler's ``pdftotext PDF OUT`` (default options);
- ``pdftotext-layout``: ``pdftotext -layout PDF OUT``;
- ``pdfminer``: pdfminer.six ``extract_text(PDF)`` with its default LAParams;
- ``pypdfium2``: each page's ``get_textpage().get_text_range()``, pages joined with ``"\\n"``.
"""

from __future__ import annotations

import pathlib
import subprocess
import tempfile

EXTRACTORS = ("pdftotext", "pdftotext-layout", "pdfminer", "pypdfium2")


def poppler(pdf: pathlib.Path, *options: str) -> str:
    """``pdftotext [options] PDF OUT`` and the text it wrote."""
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "out.txt"
        run = subprocess.run(["pdftotext", *options, str(pdf), str(out)], capture_output=True, text=True,
                             timeout=120)
        if run.returncode != 0:
            raise RuntimeError(f"pdftotext failed: {run.stderr.strip()}")
        return out.read_bytes().decode("utf-8")


def pdfminer_text(pdf: pathlib.Path) -> str:
    """pdfminer.six's ``extract_text`` with default LAParams."""
    from pdfminer.high_level import extract_text
    return extract_text(str(pdf))


def pypdfium2_text(pdf: pathlib.Path) -> str:
    """pypdfium2: every page's whole text range, pages joined with a newline."""
    import pypdfium2
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def page_count(pdf: pathlib.Path) -> int:
    """How many pages the PDF has."""
    import pypdfium2
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def extract_all(pdf: pathlib.Path) -> dict[str, str]:
    """The text of every extractor, by extractor name."""
    return {"pdftotext": poppler(pdf), "pdftotext-layout": poppler(pdf, "-layout"),
            "pdfminer": pdfminer_text(pdf), "pypdfium2": pypdfium2_text(pdf)}
