"""How fast form4gen starts, against ``python -c "import pydantic, lxml.etree"`` on the same
machine, in one run (targets: ``form4gen --help`` within 1.5x of it, ``form4gen check one.xml``
within 3x).

    python benchmarks/bench_startup.py [--repeat 15]

Each command runs in a fresh interpreter, ``--repeat`` times, interleaved so that the machine's
drift hits them alike; the median and the best are printed, and the ratios of the medians.
The XML checked is the bundled example's (its dates moved to 2026), written to a temporary file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _program() -> list[str]:
    installed = shutil.which("form4gen")
    return [installed] if installed else [sys.executable, "-m", "form4gen"]


def _time(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    import form4gen

    with tempfile.TemporaryDirectory() as work:
        one = Path(work) / "one.xml"
        # The example moved to 2026: a filing of today, judged by the current schema (an older
        # one is judged by a schema generated for its era, which costs a little more).
        draft = Path(work) / "one.yaml"
        draft.write_text((REPO / "examples" / "cellectar-2018-10-12.yaml").read_text().replace("2018-10-", "2026-10-"))
        one.write_text(form4gen.to_xml(form4gen.load(draft)))
        commands = {
            "python -c 'import pydantic, lxml.etree'": [sys.executable, "-c", "import pydantic, lxml.etree"],
            "form4gen --help": [*_program(), "--help"],
            "form4gen check one.xml": [*_program(), "check", str(one)],
        }
        for command in commands.values():  # warm the file cache and the byte-code
            _time(command)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                times[name].append(_time(command))
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; {args.repeat} runs each, interleaved")
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name:<42} median {medians[name] * 1000:6.0f} ms   best {min(values) * 1000:6.0f} ms")
    base = medians["python -c 'import pydantic, lxml.etree'"]
    helps, checks = medians["form4gen --help"] / base, medians["form4gen check one.xml"] / base
    print(f"--help / baseline = {helps:.2f} (target <= 1.5)   check / baseline = {checks:.2f} (target <= 3)")


if __name__ == "__main__":
    main()
