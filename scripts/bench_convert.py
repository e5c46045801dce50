"""Benchmark: parse + convert a 5,000-word Azure Read result, against json.loads of the same bytes.

Target (issue 4): json.loads + to_document takes at most 5x the time of json.loads alone.
Prints a table and writes it to the path given with --out (default: print only).

    PYTHONPATH=wrapper:generated python scripts/bench_convert.py --out /tmp/team/bench-convert.txt
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import random
import sys
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

from handwriting_ocr.convert import from_document, to_document

WORDS = 5000
WORDS_PER_LINE = 10


def make_read_result(words: int = WORDS, seed: int = 4) -> bytes:
    """A deterministic Read result: lines of words with 8-number boxes, some marked Low."""
    rng = random.Random(seed)
    vocabulary = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "greatest", "glory"]
    lines: list[dict[str, Any]] = []
    for n in range(words // WORDS_PER_LINE):
        top = 40 + n * 60
        left = 20
        line_words = []
        for _ in range(WORDS_PER_LINE):
            text = rng.choice(vocabulary)
            width = 18 * len(text)
            word: dict[str, Any] = {
                "boundingBox": [left, top, left + width, top + 1, left + width, top + 50, left, top + 49],
                "text": text,
            }
            if rng.random() < 0.1:
                word["confidence"] = "Low"
            line_words.append(word)
            left += width + 12
        lines.append(
            {
                "boundingBox": [20, top, left, top + 2, left, top + 52, 20, top + 50],
                "text": " ".join(w["text"] for w in line_words),
                "words": line_words,
            }
        )
    result = {
        "status": "Succeeded",
        "recognitionResults": [
            {
                "page": 1,
                "clockwiseOrientation": 0.12,
                "width": 3200,
                "height": 40 + 60 * len(lines),
                "unit": "pixel",
                "lines": lines,
            }
        ],
    }
    return json.dumps(result).encode("utf-8")


def _generated_read_model() -> Any:
    """The generated ``ReadOperationResult`` class, or None while the package is not generated."""
    try:
        module = importlib.import_module("azure_vision_v2_client.models")
    except ImportError:
        return None
    return getattr(module, "ReadOperationResult", None)


def best(func: Callable[[], object], number: int, repeat: int) -> float:
    """Best per-call time in seconds over ``repeat`` runs of ``number`` calls."""
    return min(timeit.repeat(func, number=number, repeat=repeat)) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=10)
    args = parser.parse_args()

    payload = make_read_result()
    doc = to_document(json.loads(payload), "azure-read")
    assert sum(len(line.words) for line in doc.lines()) == WORDS
    assert from_document(doc, "azure-read") == json.loads(payload)

    rows: list[tuple[str, float]] = []
    base = best(lambda: json.loads(payload), args.number, args.repeat)
    rows.append(("json.loads", base))
    rows.append(
        (
            "json.loads + to_document",
            best(lambda: to_document(json.loads(payload), "azure-read"), args.number, args.repeat),
        )
    )
    rows.append(
        (
            "from_document (Document -> Read dict)",
            best(lambda: from_document(doc, "azure-read"), args.number, args.repeat),
        )
    )
    model_class = _generated_read_model()
    if model_class is not None:
        rows.append(
            (
                "json.loads + generated from_dict",
                best(lambda: model_class.from_dict(json.loads(payload)), args.number, args.repeat),
            )
        )
        rows.append(
            (
                "json.loads + generated from_dict + to_document",
                best(
                    lambda: to_document(model_class.from_dict(json.loads(payload)), "azure-read"),
                    args.number,
                    args.repeat,
                ),
            )
        )

    lines = [
        f"bench_convert: {WORDS}-word Azure Read result, {len(payload):,} bytes; best of {args.repeat} x {args.number}",
        f"python {platform.python_version()} on {platform.machine()}",
        "",
        f"{'step':<48} {'ms':>8} {'x json.loads':>13}",
    ]
    for name, seconds in rows:
        lines.append(f"{name:<48} {seconds * 1000:>8.2f} {seconds / base:>13.2f}")
    ratio = rows[1][1] / base
    verdict = "meets" if ratio <= 5 else "MISSES"
    lines += ["", f"parse + convert = {ratio:.2f}x json.loads ({verdict} the <= 5x target)"]
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    return 0 if ratio <= 5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
