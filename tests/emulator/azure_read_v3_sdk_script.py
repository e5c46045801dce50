"""Run by test_fidelity_azure_read_v3 in a subprocess: the official SDK 0.9.1 (Computer Vision v3.2 Read).

Usage: python azure_read_v3_sdk_script.py <unpacked wheel folder> <emulator base URL> <sample URL> <image file>
Prints one JSON object with what each call returned. The 0.9.1 wheel shares its package name with the
0.4.0 one installed in the venv, so it is imported from the unpacked folder, put first on sys.path.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any


def main() -> None:
    folder, base_url, sample_url, image_file = sys.argv[1:5]
    sys.path.insert(0, folder)
    import azure.cognitiveservices.vision.computervision as package
    from azure.cognitiveservices.vision.computervision import ComputerVisionClient
    from azure.cognitiveservices.vision.computervision.models import (
        ComputerVisionOcrErrorException,
        OperationStatusCodes,
    )
    from azure.cognitiveservices.vision.computervision.version import VERSION
    from msrest.authentication import CognitiveServicesCredentials

    client = ComputerVisionClient(base_url, CognitiveServicesCredentials("emulator-key"))

    def wait(raw: Any) -> tuple[list[str], Any]:
        operation_id = raw.headers["Operation-Location"].rsplit("/", 1)[1]
        statuses: list[str] = []
        deadline = time.monotonic() + 10
        while True:
            result = client.get_read_result(operation_id)
            statuses.append(result.status.value)
            if result.status not in (OperationStatusCodes.not_started, OperationStatusCodes.running):
                return statuses, result
            if time.monotonic() > deadline:
                raise TimeoutError(statuses)
            time.sleep(0.02)

    statuses, by_url = wait(client.read(sample_url, raw=True))
    [page] = by_url.analyze_result.read_results
    with open(image_file, "rb") as stream:
        raw = client.read_in_stream(stream, language="en", pages=["1"], reading_order="natural", raw=True)
    _, in_stream = wait(raw)
    try:
        client.read(sample_url, pages=["0"])
        error: dict[str, Any] = {}
    except ComputerVisionOcrErrorException as exc:
        error = {"status": exc.response.status_code, "body": exc.response.json()}
    print(
        json.dumps(
            {
                "package_file": package.__file__,
                "version": VERSION,
                "location": raw.headers["Operation-Location"],
                "statuses": statuses,
                "created": by_url.created_date_time,
                "model_version": by_url.analyze_result.model_version,
                "page": [page.page, page.width, page.height, page.unit.value, page.angle],
                "lines": [line.text for line in page.lines],
                "styles": [line.appearance.style.name for line in page.lines],
                "word_confidences": [word.confidence for line in page.lines for word in line.words],
                "first_word_box": page.lines[0].words[0].bounding_box,
                "stream_lines": [line.text for line in in_stream.analyze_result.read_results[0].lines],
                "stream_language": in_stream.analyze_result.read_results[0].language,
                "error": error,
            }
        )
    )


if __name__ == "__main__":
    main()
