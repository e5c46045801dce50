"""distributed: four workers sharing a 20 requests/s quota through Redis, by ``scripts/bench_distributed.py``.

That script is another measurement's own (it starts its Redis and its workers); this module runs it
when it exists, in its own interpreter, with ``--quick`` or ``--full`` and ``--json PATH``, and hands on its figures and its printed output. If the script does not take those options,
it is run without them and only its output is kept. Without the script, the figures say so.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Final

from scripts.bench.common import ROOT, Figures, Table, main_for

NAME: Final = "distributed"
SCRIPT: Final = ROOT / "scripts" / "bench_distributed.py"


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True)


def run(quick: bool) -> Figures:
    if not SCRIPT.exists():
        return {"present": False, "script": str(SCRIPT.relative_to(ROOT))}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "distributed.json"
        args = ["--quick" if quick else "--full", "--json", str(path)]
        done = _run(args)
        if done.returncode == 2 and "unrecognized arguments" in done.stderr:
            args = []
            done = _run(args)
        figures: Figures = {}
        if path.exists():
            try:
                figures = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                figures = {}
    if not (isinstance(figures, dict) and figures.get("tables")):
        sys.stdout.write(done.stdout)  # its tables are printed from its figures otherwise
    sys.stderr.write(done.stderr[-4000:])
    return {
        "present": True,
        "script": str(SCRIPT.relative_to(ROOT)),
        "args": args,
        "exit_status": done.returncode,
        "output": done.stdout[-20000:],
        "figures": figures,
    }


def tables(figures: Figures) -> list[Table]:
    if not figures["present"]:
        return [Table("distributed: not run", (), (), f"`{figures['script']}` does not exist yet.")]
    inner = figures["figures"].get("tables") if isinstance(figures["figures"], dict) else None
    if isinstance(inner, list) and inner:
        try:
            return [Table.from_json(one) for one in inner]
        except (KeyError, TypeError):
            pass
    status = figures["exit_status"]
    return [
        Table(
            f"distributed: `{figures['script']} {' '.join(figures['args'])}` (exit status {status})",
            (),
            (),
            "```\n" + figures["output"].strip() + "\n```",
        )
    ]


def main() -> int:
    return main_for(NAME, run, tables, __doc__.splitlines()[0] if __doc__ else NAME)


if __name__ == "__main__":
    raise SystemExit(main())
