"""Run by test_fidelity_azure_v1 in a subprocess: the official SDK 0.1.0 (Computer Vision v1.0).

Usage: python azure_v1_sdk_script.py <unpacked wheel folder> <emulator base URL> <sample URL>
Prints one JSON object with what each call returned. The 0.1.0 wheel shares its package name with
the 0.4.0 one installed in the venv, so it is imported from the unpacked folder, put first on sys.path.
"""

from __future__ import annotations

import base64
import json
import sys
import time


def main() -> None:
    folder, base_url, sample_url = sys.argv[1:4]
    sys.path.insert(0, folder)
    import azure.cognitiveservices.vision.computervision as package
    from azure.cognitiveservices.vision.computervision import ComputerVisionAPI
    from msrest.authentication import CognitiveServicesCredentials

    client = ComputerVisionAPI("westus", CognitiveServicesCredentials("emulator-key"))
    # 0.1.0 builds https://{region}.api.cognitive.microsoft.com/vision/v1.0; msrest lets the
    # configuration's base URL be replaced, which is how the emulator is reached.
    client.config.base_url = base_url + "/vision/v1.0"

    analysis = client.analyze_image(
        sample_url, visual_features=["Categories", "Tags", "Description", "Color"]
    )
    thumbnail = b"".join(client.generate_thumbnail(64, 48, sample_url, smart_cropping=True))
    raw = client.recognize_text(sample_url, detect_handwriting=True, raw=True)
    operation_id = raw.headers["Operation-Location"].rsplit("/", 1)[1]
    statuses = []
    deadline = time.monotonic() + 10
    while True:
        result = client.get_text_operation_result(operation_id)
        status = getattr(result.status, "value", result.status)
        statuses.append(status)
        if status not in ("Not Started", "Running") or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    print(
        json.dumps(
            {
                "package_file": package.__file__,
                "metadata": [analysis.metadata.width, analysis.metadata.height, analysis.metadata.format],
                "categories": [c.name for c in analysis.categories],
                "tags": [t.name for t in analysis.tags],
                "caption": analysis.description.captions[0].text,
                "is_bw": analysis.color.is_bw_img,
                "thumbnail": base64.b64encode(thumbnail).decode("ascii"),
                "statuses": statuses,
                "lines": [line.text for line in result.recognition_result.lines],
            }
        )
    )


if __name__ == "__main__":
    main()
