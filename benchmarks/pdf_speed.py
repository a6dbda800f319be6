"""PDF input speed: pages per second, peak memory, and the cost against pdftotext + magclean clean.

Usage::

    .venv/bin/python benchmarks/pdf_speed.py              # a 100-page PDF typeset by WeasyPrint
    .venv/bin/python benchmarks/pdf_speed.py --pages 300  # a bigger one
    .venv/bin/python benchmarks/pdf_speed.py --pdf issue.pdf

Every command runs in a fresh process (wall time; peak = that process's max RSS). Printed:

- ``magclean clean x.pdf`` (read with PDFium, lay out, clean);
- ``pdftotext x.pdf`` then ``magclean clean x.txt`` (the text path), each and their sum;
- the two readers measured for the choice of library, in this process: pypdfium2 (char boxes,
  sizes, fonts; ``cleaner.read_pdf``) and pdfminer.six (``LTChar`` boxes, sizes, font names),
  pages per second and how many characters each read (they should agree).

Needs the pdf and test extras (pypdfium2, weasyprint; pdfminer.six for the comparison) and poppler.
Not a test: it prints measured numbers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def make_pdf(pages: int, path: Path) -> Path:
    """A two-column magazine PDF of about ``pages`` pages (the test samples' style, repeated).

    Typeset in a child process, so this one stays small (a forked child starts with its
    parent's peak memory in its own count).
    """
    script = ("import sys; from pathlib import Path; from pdfs import magazine_html, render; "
              f"render(magazine_html(1, columns=2, paragraphs={max(14, pages * 11)})[0], Path(sys.argv[1]))")
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, cwd=ROOT / "tests")
    return path


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one command run in its own process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}: {process.stderr.read().decode()[:300]}")
    return seconds, usage.ru_maxrss / 1024


def read_with_pdfium(path: Path) -> tuple[int, int]:
    """Pages and characters read by cleaner.read_pdf."""
    from cleaner.read_pdf import PdfDocument

    pages = chars = 0
    with PdfDocument(str(path)) as pdf:
        for page in pdf.pages():
            pages += 1
            chars += sum(len(line.text.replace(" ", "")) for line in page.lines)
    return pages, chars


def read_with_pdfminer(path: Path) -> tuple[int, int]:
    """Pages and characters pdfminer.six lays out as LTChar (with size and font name)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def chars_of(item) -> int:
        if isinstance(item, LTChar):
            return 0 if item.get_text().isspace() else 1
        return sum(chars_of(child) for child in item) if hasattr(item, "__iter__") else 0

    pages = chars = 0
    for page in extract_pages(str(path)):
        pages += 1
        chars += chars_of(page)
    return pages, chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="pages of the generated PDF")
    parser.add_argument("--pdf", type=Path, help="measure this PDF instead of generating one")
    parser.add_argument("--no-readers", action="store_true", help="skip the pypdfium2/pdfminer comparison")
    args = parser.parse_args(argv)
    magclean = str(Path(sys.executable).with_name("magclean"))
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        pdf = args.pdf or make_pdf(args.pages, folder / "issue.pdf")
        from cleaner.read_pdf import PdfDocument

        with PdfDocument(str(pdf)) as document:
            count = document.page_count
        label = pdf.name if args.pdf else "generated"
        print(f"PDF: {label}, {count} pages, {pdf.stat().st_size / 1e6:.1f} MB")
        rows = []
        seconds, peak = timed([magclean, "clean", str(pdf), "-o", str(folder / "out.txt")])
        rows.append(("magclean clean x.pdf", seconds, peak))
        if shutil.which("pdftotext"):
            extract, extract_peak = timed(["pdftotext", str(pdf), str(folder / "x.txt")])
            clean, clean_peak = timed([magclean, "clean", str(folder / "x.txt"), "-o", str(folder / "o.txt")])
            rows += [("pdftotext x.pdf", extract, extract_peak), ("magclean clean x.txt", clean, clean_peak),
                     ("pdftotext + magclean clean", extract + clean, max(extract_peak, clean_peak))]
        print(f"{'command':30} {'seconds':>8} {'pages/s':>8} {'peak MiB':>9}")
        for name, seconds, peak in rows:
            print(f"{name:30} {seconds:8.2f} {count / seconds:8.1f} {peak:9.0f}")
        if not args.no_readers:
            print(f"\n{'reader (in process)':30} {'seconds':>8} {'pages/s':>8} {'chars':>9}")
            for name, reader in (("pypdfium2 (cleaner.read_pdf)", read_with_pdfium),
                                 ("pdfminer.six (LTChar)", read_with_pdfminer)):
                started = time.perf_counter()
                pages, chars = reader(pdf)
                seconds = time.perf_counter() - started
                print(f"{name:30} {seconds:8.2f} {pages / seconds:8.1f} {chars:9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
