"""The preview printed to PDF through a headless Chromium (Debian's ``chromium`` package;
``$FORM4GEN_CHROMIUM`` names another binary).  The PDF appears whole or not at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from form4gen.drafts.files import atomic_file
from form4gen.form.errors import InputError, Problem

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    named = os.environ.get("FORM4GEN_CHROMIUM")
    if named:
        return named if Path(named).is_file() or shutil.which(named) else None
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def html_to_pdf(html: str, target: Path, *, timeout: float = 60) -> None:
    """Print the page to ``target`` with headless Chromium; the PDF appears whole or not at all."""
    browser = find_chromium()
    if browser is None:
        raise InputError(
            str(target),
            [Problem("", "PDF output needs Chromium: install Debian's chromium package (apt-get install chromium) or set FORM4GEN_CHROMIUM")],
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="form4gen-pdf-") as work:
        page = Path(work) / "preview.html"
        page.write_text(html, encoding="utf-8")
        pdf = Path(work) / "preview.pdf"
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise InputError(str(target), [Problem("", f"Chromium did not finish the PDF within {timeout:.0f} seconds")]) from None
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            raise InputError(str(target), [Problem("", f"Chromium could not print the PDF (exit code {done.returncode})")])
        with atomic_file(target, "wb") as handle, pdf.open("rb") as printed:
            shutil.copyfileobj(printed, handle)
