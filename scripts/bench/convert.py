"""convert: parse + convert a 5,000-word Azure Read result, against ``json.loads`` of the same bytes.

Target (project guide): ``json.loads`` + ``to_document`` takes at most 5x the time of ``json.loads``
alone.

Two deterministic results of 5,000 words (500 lines of 10, 8-number boxes): Read v3.2
(``azure-read-v3``, what the facades' ``read()``/``recognize()`` return today: their poller converts
the answer's decoded JSON straight to a Document) and v2.0 Read (``azure-read``, the earlier
measure). For each: ``json.loads``; ``json.loads`` + ``to_document`` (the target's figure); the way
back (``from_document``); and the generated typed model's ``from_dict``, alone and then converted
(``to_document`` given a model reads it through its ``to_dict()``), which is what a caller converting
``begin_read().result()`` pays. Each figure is the best of 7 runs of 10 calls; the whole is done
3 times (quick: 2) and the median of the rounds reported, with the range of the ratio.
"""

from __future__ import annotations

import importlib
import json
import random
import statistics
import timeit
from collections.abc import Callable
from typing import Any, Final

from scripts.bench.common import Figures, Table, fmt, main_for, table, verdict

NAME: Final = "convert"
TARGET: Final = 5.0
WORDS: Final = 5000
WORDS_PER_LINE: Final = 10
VOCABULARY: Final = ("the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "greatest", "glory")


def _lines(seed: int, *, v3: bool) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    lines: list[dict[str, Any]] = []
    for n in range(WORDS // WORDS_PER_LINE):
        top = 40 + n * 60
        left = 20
        words = []
        for _ in range(WORDS_PER_LINE):
            text = rng.choice(VOCABULARY)
            width = 18 * len(text)
            word: dict[str, Any] = {
                "boundingBox": [left, top, left + width, top + 1, left + width, top + 50, left, top + 49],
                "text": text,
            }
            if v3:
                word["confidence"] = round(rng.uniform(0.5, 1.0), 3)
            elif rng.random() < 0.1:
                word["confidence"] = "Low"
            words.append(word)
            left += width + 12
        line: dict[str, Any] = {
            "boundingBox": [20, top, left, top + 2, left, top + 52, 20, top + 50],
            "text": " ".join(w["text"] for w in words),
            "words": words,
        }
        if v3:
            style = "handwriting" if rng.random() < 0.7 else "other"
            line["appearance"] = {"style": {"name": style, "confidence": round(rng.uniform(0.5, 1.0), 3)}}
        lines.append(line)
    return lines


def read_v2_result(seed: int = 4) -> bytes:
    lines = _lines(seed, v3=False)
    page = {
        "page": 1,
        "clockwiseOrientation": 0.12,
        "width": 3200,
        "height": 40 + 60 * len(lines),
        "unit": "pixel",
        "lines": lines,
    }
    return json.dumps({"status": "Succeeded", "recognitionResults": [page]}).encode("utf-8")


def read_v3_result(seed: int = 4) -> bytes:
    lines = _lines(seed, v3=True)
    page = {
        "page": 1,
        "angle": 0.12,
        "width": 3200,
        "height": 40 + 60 * len(lines),
        "unit": "pixel",
        "language": "en",
        "lines": lines,
    }
    result = {
        "status": "succeeded",
        "createdDateTime": "2026-12-02T10:00:00Z",
        "lastUpdatedDateTime": "2026-12-02T10:00:02Z",
        "analyzeResult": {"version": "3.2.0", "modelVersion": "2022-04-30", "readResults": [page]},
    }
    return json.dumps(result).encode("utf-8")


def _model(module: str) -> Any:
    try:
        return importlib.import_module(module).ReadOperationResult
    except (ImportError, AttributeError):
        return None


def best(func: Callable[[], object], number: int = 10, repeat: int = 7) -> float:
    """Best per-call time in seconds over ``repeat`` runs of ``number`` calls."""
    return min(timeit.repeat(func, number=number, repeat=repeat)) / number


def _one_round(payload: bytes, shape: str, model: Any) -> dict[str, float]:
    from handwriting_ocr.convert import from_document, to_document

    document = to_document(json.loads(payload), shape)  # type: ignore[arg-type]
    steps: dict[str, float] = {
        "json.loads": best(lambda: json.loads(payload)),
        "json.loads + to_document": best(lambda: to_document(json.loads(payload), shape)),  # type: ignore[arg-type]
        "from_document (Document -> dict)": best(lambda: from_document(document, shape)),  # type: ignore[arg-type]
    }
    if model is not None:
        steps["json.loads + generated from_dict"] = best(lambda: model.from_dict(json.loads(payload)))
        steps["json.loads + generated from_dict + to_document"] = best(
            lambda: to_document(model.from_dict(json.loads(payload)), shape)  # type: ignore[arg-type]
        )
    return steps


def run(quick: bool) -> Figures:
    from handwriting_ocr.convert import to_document

    rounds = 2 if quick else 3
    results: dict[str, Any] = {}
    for shape, payload, module in (
        ("azure-read-v3", read_v3_result(), "azure_vision_v3_client.models"),
        ("azure-read", read_v2_result(), "azure_vision_v2_client.models"),
    ):
        document = to_document(json.loads(payload), shape)  # type: ignore[arg-type]
        assert sum(len(line.words) for line in document.lines()) == WORDS
        model = _model(module)
        samples = [_one_round(payload, shape, model) for _ in range(rounds)]
        steps = {}
        for step in samples[0]:
            ratios = [sample[step] / sample["json.loads"] for sample in samples]
            steps[step] = {
                "ms": statistics.median(sample[step] for sample in samples) * 1000,
                "ratio": statistics.median(ratios),
                "ratio_min": min(ratios),
                "ratio_max": max(ratios),
            }
        results[shape] = {"bytes": len(payload), "steps": steps}
    current = results["azure-read-v3"]["steps"]["json.loads + to_document"]["ratio"]
    return {"rounds": rounds, "shapes": results, "target": TARGET, "passed": current <= TARGET}


def tables(figures: Figures) -> list[Table]:
    rows = []
    for shape, result in figures["shapes"].items():
        for step, values in result["steps"].items():
            target = verdict(values["ratio"] <= TARGET) if step == "json.loads + to_document" else ""
            rows.append(
                (
                    f"{shape} ({result['bytes']:,} bytes)",
                    step,
                    fmt(values["ms"], 2),
                    fmt(values["ratio"], 2, unit="x"),
                    f"{values['ratio_min']:.2f}-{values['ratio_max']:.2f}",
                    target,
                )
            )
    return [
        table(
            f"convert: parse + convert a 5,000-word Read result (median of {figures['rounds']} rounds, "
            "each the best of 7 x 10 calls)",
            ("Result", "Step", "ms", "x json.loads", "Range over rounds", "Target <= 5x"),
            rows,
            "The facades' read()/recognize() take the `json.loads + to_document` path on Read v3.2; the "
            "generated-model rows are a caller converting the typed result of begin_read().result().",
            text=2,
        )
    ]


def main() -> int:
    return main_for(NAME, run, tables, __doc__.splitlines()[0] if __doc__ else NAME)


if __name__ == "__main__":
    raise SystemExit(main())
