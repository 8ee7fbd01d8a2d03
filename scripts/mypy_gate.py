"""mypy over src/newsgraph ([tool.mypy] in pyproject.toml), failing only on errors the baseline does not list.

    .venv/bin/python scripts/mypy_gate.py            # exit 1 on a new error (what `make lint` runs)
    .venv/bin/python scripts/mypy_gate.py --update   # write the current errors as the baseline

The baseline (scripts/mypy_baseline.txt) holds the errors the code had when the checker came in, one per line
as "file: message [code]", without line numbers so that edits above an error do not make it new; an error
that occurs twice in a file is listed twice. Fixing one needs no step here: the gate says the baseline can
shrink, and `--update` does it. Adding one fails the gate: fix it, or `# type: ignore[code]` it with the reason.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scripts" / "mypy_baseline.txt"
# "src/newsgraph/nlp.py:124: error: Item "None" of ... has no attribute "group"  [union-attr]"
_ERROR = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+)(?::\d+)?: error: (?P<message>.*)$")


def run_mypy() -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-color-output", "--no-error-summary"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    return done.returncode, done.stdout + done.stderr


def errors(output: str) -> Counter[str]:
    """Each error as "file: message [code]", counted."""
    found: Counter[str] = Counter()
    for line in output.splitlines():
        m = _ERROR.match(line)
        if m:
            found[f"{Path(m['path']).as_posix()}: {' '.join(m['message'].split())}"] += 1
    return found


def read_baseline(path: Path | None = None) -> Counter[str]:
    path = path or BASELINE
    if not path.exists():
        return Counter()
    return Counter(line for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#"))


def write_baseline(found: Counter[str], path: Path | None = None) -> None:
    path = path or BASELINE
    lines = sorted(found.elements())
    path.write_text("# mypy errors accepted when the checker came in; scripts/mypy_gate.py --update rewrites this.\n"
                    + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="write the current errors as the baseline")
    args = ap.parse_args(argv)
    code, output = run_mypy()
    found = errors(output)
    if code not in (0, 1) or (code == 1 and not found):
        # 2 is a crash or a bad configuration, not type errors: nothing to compare
        print(output, file=sys.stderr)
        print(f"mypy_gate: mypy did not run cleanly (exit {code})", file=sys.stderr)
        return 2
    if args.update:
        write_baseline(found)
        print(f"mypy_gate: baseline written, {sum(found.values())} errors")
        return 0
    base = read_baseline()
    new = found - base
    gone = base - found
    if new:
        lines = [line for line in output.splitlines() if _ERROR.match(line)]
        print(f"mypy_gate: {sum(new.values())} new error(s) beyond the baseline ({BASELINE.name}):")
        for key in sorted(new):
            path, message = key.split(": ", 1)
            shown = [line for line in lines if line.startswith(path + ":") and " ".join(line.split()).endswith(message)]
            print("  " + (shown[0] if shown else key))
        return 1
    print(f"mypy_gate: {sum(found.values())} errors, none new (baseline {sum(base.values())})"
          + (f"; {sum(gone.values())} fixed: run scripts/mypy_gate.py --update to shrink the baseline" if gone else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
