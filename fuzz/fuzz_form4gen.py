"""Fuzz form4gen's readers and checker with atheris (coverage-guided).

    python fuzz/fuzz_form4gen.py [atheris/libFuzzer options]   e.g. -max_total_time=300

The fuzzer feeds the same bytes to three targets: ``parse_xml`` and ``check`` (as XML), and the
input-file reader and validator behind ``load`` (as YAML and as JSON).  Anything but a result or
an ``InputError`` is a crash; libFuzzer saves the input that caused it.  Seeds: the bundled
example, its XML, and the real filings in ../shared/corpus/real when present.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from form4gen import InputError, check, load, parse_xml, to_xml
    from form4gen.drafts.load import filing_from_data, parse_text

REPO = Path(__file__).resolve().parent.parent


def fuzz_one(data: bytes) -> None:
    try:
        parse_xml(data)
    except InputError:
        pass
    check(data)  # a report, whatever the bytes
    text = data.decode("utf-8", errors="replace")
    for suffix in (".yaml", ".json"):
        try:
            parsed, lines = parse_text(text, suffix, f"<fuzz{suffix}>")
            filing = filing_from_data(parsed, f"<fuzz{suffix}>", lines)
        except InputError:
            continue
        check(filing)


def seed_corpus(folder: Path) -> None:
    """Write the seeds into ``folder`` (libFuzzer reads a corpus folder given as argument)."""
    folder.mkdir(parents=True, exist_ok=True)
    example = REPO / "examples" / "cellectar-2018-10-12.yaml"
    (folder / "example.yaml").write_bytes(example.read_bytes())
    (folder / "example.xml").write_text(to_xml(load(example, with_ccc=False)))
    real = REPO.parent / "shared" / "corpus" / "real"
    for path in sorted(real.glob("*.xml"))[:60]:
        (folder / path.name).write_bytes(path.read_bytes())


def main(argv: list[str]) -> None:
    seeds = REPO / "fuzz" / "seeds"
    if not seeds.exists() or not any(seeds.iterdir()):
        seed_corpus(seeds)
    args = [argv[0], *argv[1:]]
    folders = [a for a in argv[1:] if not a.startswith("-")]
    for folder in folders:
        Path(folder).mkdir(parents=True, exist_ok=True)
    if not folders:
        corpus = REPO / "fuzz" / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        args += [str(corpus), str(seeds)]
    atheris.Setup(args, fuzz_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
