"""What every spec and generated package must contain, written down independently of the specs.

This manifest is written from the issue and from ``API-FACTS.md``, not generated from ``specs/``: the
operations, paths, content types, statuses, headers, query parameters and model names the issue asks
for. Where the issue leaves a name open (operationIds, some schema names) the specs' choice was adopted
on review. The structural tests compare the manifest with each spec and with each generated package, in
both directions where that makes sense, so deleting an operation, a request content type, an example,
a query parameter, a response header or a model from a spec or from ``generated/`` fails the suite.

Example counts are floors. The seeds give a few examples (noted where they come from); the numbers are
what the specs held when this manifest was last reviewed against them, so that dropping any single
example is caught. Error examples are counted once per status that shares them. Raise the numbers
when examples are added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

JSON = "application/json"
OCTET = "application/octet-stream"
MULTIPART = "multipart/form-data"


@dataclass(frozen=True)
class QueryParam:
    name: str  # as written on the wire, e.g. "smartCropping"
    required: bool = False
    # Required, with a single value the generated function fills in by default (``api-version``).
    fixed: bool = False


@dataclass(frozen=True)
class HeaderParam:
    """A request header the generated function takes as a parameter (not one the auth adds)."""

    name: str  # as written on the wire, e.g. "X-TC-Action"
    required: bool = False
    fixed: bool = False  # as for QueryParam: required, one value, filled in by default


@dataclass(frozen=True)
class ModelLink:
    """``model.field`` holds a ``target`` (or a list of them): the nesting users navigate."""

    model: str
    field: str  # as written in JSON, e.g. "recognitionResults"
    target: str
    many: bool = False


@dataclass(frozen=True)
class OperationExpectation:
    method: str  # lower case, as in the spec
    path: str  # path template relative to the server URL
    operation_id: str
    request_content_types: tuple[str, ...] = ()  # media type essences; () means no body
    success_status: int = 200
    # Media types of the success body (essences); () for a body-less success (the 202s).
    success_content_types: tuple[str, ...] = (JSON,)
    success_model: str | None = None  # generated class of the success body, if JSON
    response_headers: tuple[str, ...] = ()  # required on the success response
    query: tuple[QueryParam, ...] = ()
    path_params: tuple[str, ...] = ()
    header_params: tuple[HeaderParam, ...] = ()
    min_request_examples: int = 0
    min_success_examples: int = 0  # on the success status
    min_error_examples: int = 0  # on every other status together

    @property
    def module_name(self) -> str:
        """The generated module: ``BatchReadFile`` -> ``batch_read_file`` (the generator's snake case)."""
        return snake_case(self.operation_id)

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path} ({self.operation_id})"


@dataclass(frozen=True)
class SpecExpectation:
    spec_file: str  # in specs/
    package: str  # in generated/
    # A real base URL of the provider: the spec's ``servers`` must accept it (openapi-core matches the
    # request URL against them), so a spec with a wrong server or base path fails the request tests.
    base_url: str
    operations: tuple[OperationExpectation, ...]
    models: tuple[str, ...] = ()
    links: tuple[ModelLink, ...] = ()
    min_examples: int = 0  # all examples of the spec together
    # Statuses every operation must describe with a JSON error schema.
    error_statuses: tuple[str, ...] = ("400", "401", "403", "429", "500", "503")
    # Credentials in the form the spec's security scheme declares them (dummy values): the generated
    # client ignores ``security``, so the tests pass them as client headers, and openapi-core's
    # security check then proves the scheme names the header the provider reads.
    auth_headers: dict[str, str] = field(default_factory=dict)

    def operation(self, operation_id: str) -> OperationExpectation:
        for operation in self.operations:
            if operation.operation_id == operation_id:
                return operation
        raise KeyError(operation_id)


def snake_case(name: str) -> str:
    """openapi-python-client's module naming for an operationId: split words, lower case, underscores."""
    words: list[str] = []
    current = ""
    for index, char in enumerate(name):
        if char in "-_ ./":
            if current:
                words.append(current)
            current = ""
            continue
        starts_word = (
            char.isupper()
            and current
            and (not current[-1].isupper() or (index + 1 < len(name) and name[index + 1].islower()))
        )
        if starts_word:
            words.append(current)
            current = ""
        current += char
    if current:
        words.append(current)
    return "_".join(word.lower() for word in words)


# --- Azure Computer Vision v2.0 (API-FACTS §1) ---------------------------------------------------------

AZURE_V2 = SpecExpectation(
    spec_file="azure-vision-v2.yaml",
    package="azure_vision_v2_client",
    base_url="https://westcentralus.api.cognitive.microsoft.com/vision/v2.0",
    min_examples=130,
    operations=(
        OperationExpectation(
            "post",
            "/read/core/asyncBatchAnalyze",
            "batchReadFile",
            request_content_types=(JSON, OCTET),
            success_status=202,
            success_content_types=(),
            response_headers=("Operation-Location",),
            min_request_examples=2,  # seeds 000/001 send {"url": ...}
            min_success_examples=0,
            min_error_examples=32,
        ),
        OperationExpectation(
            "get",
            "/read/operations/{operationId}",
            "getReadOperationResult",
            success_model="ReadOperationResult",
            path_params=("operationId",),
            min_request_examples=0,
            min_success_examples=4,  # seed 000's result; Running, Not Started, Failed
            min_error_examples=28,
        ),
        OperationExpectation(
            "post",
            "/recognizeText",
            "recognizeText",
            request_content_types=(JSON, OCTET),
            success_status=202,
            success_content_types=(),
            response_headers=("Operation-Location",),
            query=(QueryParam("mode", required=True),),
            min_request_examples=2,
            min_success_examples=0,
            min_error_examples=32,
        ),
        OperationExpectation(
            "get",
            "/textOperations/{operationId}",
            "getTextOperationResult",
            success_model="TextOperationResult",
            path_params=("operationId",),
            min_request_examples=0,
            min_success_examples=2,  # seed 001's singular result
            min_error_examples=28,
        ),
    ),
    models=(
        "ReadOperationResult",
        "TextOperationResult",
        "ComputerVisionError",
        "ComputerVisionErrorEnvelope",
        "ImageUrl",
    ),
    # The plural (Read) and singular (RecognizeText) result shapes over the same page model.
    links=(
        ModelLink("ReadOperationResult", "recognitionResults", "TextRecognitionResult", many=True),
        ModelLink("TextOperationResult", "recognitionResult", "TextRecognitionResult"),
    ),
    auth_headers={"Ocp-Apim-Subscription-Key": "0123456789abcdef0123456789abcdef"},
)

# --- Azure Computer Vision v1.0 (API-FACTS §2) ---------------------------------------------------------

AZURE_V1 = SpecExpectation(
    spec_file="azure-vision-v1.yaml",
    package="azure_vision_v1_client",
    base_url="https://westus.api.cognitive.microsoft.com/vision/v1.0",
    min_examples=139,
    operations=(
        OperationExpectation(
            "post",
            "/analyze",
            "analyzeImage",
            request_content_types=(JSON, OCTET),
            success_model="ImageAnalysis",
            query=(QueryParam("visualFeatures"), QueryParam("details"), QueryParam("language")),
            min_request_examples=1,
            min_success_examples=1,  # seed 003's analysis
            min_error_examples=21,
        ),
        OperationExpectation(
            "post",
            "/models/{model}/analyze",
            "analyzeImageByDomain",
            request_content_types=(JSON, OCTET),
            success_model="DomainModelResults",
            path_params=("model",),
            query=(QueryParam("language"),),
            min_request_examples=1,
            min_success_examples=1,  # seed 003's landmark result
            min_error_examples=24,
        ),
        OperationExpectation(
            "post",
            "/generateThumbnail",
            "generateThumbnail",
            request_content_types=(JSON, OCTET),
            # The official spec says octet-stream; the service sends JPEG: both must be declared.
            success_content_types=(OCTET, "image/jpeg"),
            query=(
                QueryParam("width", required=True),
                QueryParam("height", required=True),
                QueryParam("smartCropping"),
            ),
            min_request_examples=1,
            min_success_examples=0,
            min_error_examples=21,
        ),
        OperationExpectation(
            "post",
            "/ocr",
            "recognizePrintedText",
            request_content_types=(JSON, OCTET),
            success_model="OcrResult",
            query=(QueryParam("language"), QueryParam("detectOrientation")),
            min_request_examples=1,
            min_success_examples=1,  # seed 003's OCR result
            min_error_examples=21,
        ),
        OperationExpectation(
            "post",
            "/recognizeText",
            "recognizeText",
            request_content_types=(JSON, OCTET),
            success_status=202,
            success_content_types=(),
            response_headers=("Operation-Location",),
            # The seed and the docs send `handwriting`, the official spec `detectHandwriting`: both exist.
            query=(QueryParam("handwriting"), QueryParam("detectHandwriting")),
            min_request_examples=1,
            min_success_examples=0,
            min_error_examples=21,
        ),
        OperationExpectation(
            "get",
            "/textOperations/{operationId}",
            "getTextOperationResult",
            success_model="TextOperationResult",
            path_params=("operationId",),
            min_request_examples=0,
            min_success_examples=2,
            min_error_examples=21,
        ),
    ),
    models=(
        "ImageAnalysis",
        "DomainModelResults",
        "OcrResult",
        "TextOperationResult",
        "ComputerVisionError",
        "ComputerVisionErrorEnvelope",
        "ImageUrl",
    ),
    auth_headers={"Ocp-Apim-Subscription-Key": "0123456789abcdef0123456789abcdef"},
)

# --- Huawei Cloud OCR and IAM (API-FACTS §3) -----------------------------------------------------------

HUAWEI_OCR = SpecExpectation(
    spec_file="huawei-ocr.yaml",
    package="huawei_ocr_client",
    base_url="https://ocr.cn-north-4.myhuaweicloud.com",
    min_examples=19,
    operations=(
        OperationExpectation(
            "post",
            "/v2/{project_id}/ocr/handwriting",
            "recognizeHandwriting",
            request_content_types=(JSON,),
            success_model="RecognizeHandwritingResponse",
            path_params=("project_id",),
            min_request_examples=2,  # seed 002: the base64 and the url requests
            min_success_examples=1,  # seed 002's 200
            min_error_examples=16,  # seed 002's 400, and the gateway errors
        ),
    ),
    models=(
        "RecognizeHandwritingResponse",
        "HandwritingResult",
        "HandwritingRequestBody",
        "HuaweiErrorResponse",
    ),
    links=(ModelLink("RecognizeHandwritingResponse", "result", "HandwritingResult"),),
    auth_headers={"X-Auth-Token": "MIINRwYJKoZIhvcNAQcCoIINODCCDTQCAQExDTALBglghkgBZQMEAgEwgguVBgkqhkiG"},
)

HUAWEI_IAM = SpecExpectation(
    spec_file="huawei-iam.yaml",
    package="huawei_iam_client",
    base_url="https://iam.cn-north-4.myhuaweicloud.com",
    min_examples=16,
    operations=(
        OperationExpectation(
            "post",
            "/v3/auth/tokens",
            "keystoneCreateUserTokenByPassword",
            request_content_types=(JSON,),
            success_status=201,
            success_model="KeystoneCreateUserTokenByPasswordResponse",
            response_headers=("X-Subject-Token",),
            query=(QueryParam("nocatalog"),),
            min_request_examples=1,
            min_success_examples=1,
            min_error_examples=14,
        ),
    ),
    models=(
        "KeystoneCreateUserTokenByPasswordRequestBody",
        "KeystoneCreateUserTokenByPasswordResponse",
        "IamErrorResponse",
    ),
)

# --- Tencent Cloud legacy OCR (API-FACTS §4) -----------------------------------------------------------

TENCENT_OCR = SpecExpectation(
    spec_file="tencent-ocr.yaml",
    package="tencent_ocr_client",
    base_url="https://recognition.image.myqcloud.com",
    min_examples=24,
    operations=(
        OperationExpectation(
            "post",
            "/ocr/handwriting",
            "recognizeHandwriting",
            request_content_types=(JSON, MULTIPART),
            success_model="HandwritingResponse",
            min_request_examples=2,  # seed 004: the url (JSON) and image (multipart) requests
            min_success_examples=3,  # seed 004's result, and two body-level errors (HTTP 200)
            min_error_examples=7,
        ),
        OperationExpectation(
            "post",
            "/ocr/general",
            "recognizeGeneral",
            request_content_types=(JSON, MULTIPART),
            success_model="HandwritingResponse",  # the same envelope (API-FACTS §4)
            min_request_examples=2,  # shared with /ocr/handwriting
            min_success_examples=3,
            min_error_examples=7,
        ),
    ),
    models=("HandwritingResponse", "OcrRequest", "OcrMultipartRequest"),
    # Tencent's published signature vector (API-FACTS §4): the whole header value, no scheme prefix.
    auth_headers={
        "Authorization": "p2Y5iIYyBmQNfUvPe3e1sxEN/rZhPTEyNTI4MjE4NzEmYj10ZW5jZW50eXVuJms9QUtJRGdhb09ZaDJrT21KZldWZEg0"
        "bHBmeFNjRzJ6UExQR29LJmU9MTQzODY2OTExNSZ0PTE0MzYwNzcxMTUmcj0xMTE2MiZ1PTAmZj0="
    },
)

# --- Azure Computer Vision Read v3.2 (API-FACTS §6a) --------------------------------------------------

AZURE_V3 = SpecExpectation(
    spec_file="azure-vision-v3.yaml",
    package="azure_vision_v3_client",
    base_url="https://westeurope.api.cognitive.microsoft.com/vision/v3.2",
    min_examples=83,
    operations=(
        OperationExpectation(
            "post",
            "/read/analyze",
            "read",
            request_content_types=(JSON, OCTET),
            success_status=202,
            success_content_types=(),
            response_headers=("Operation-Location",),
            query=(
                QueryParam("language"),
                QueryParam("pages"),
                QueryParam("readingOrder"),
                QueryParam("model-version"),
            ),
            min_request_examples=2,
            min_success_examples=0,
            min_error_examples=40,  # 5 error examples on each of 8 statuses
        ),
        OperationExpectation(
            "get",
            "/read/analyzeResults/{operationId}",
            "getReadResult",
            success_model="ReadOperationResult",
            path_params=("operationId",),
            min_request_examples=0,
            min_success_examples=6,  # handwriting, PDF, notStarted, running, failed, no text
            min_error_examples=35,
        ),
    ),
    models=(
        "ReadOperationResult",
        "AnalyzeResult",
        "ReadResult",
        "Line",
        "Word",
        "Appearance",
        "Style",
        "ComputerVisionErrorResponse",
        "ComputerVisionError",
        "ComputerVisionOcrError",
        "ImageUrl",
    ),
    # Result -> pages -> lines -> words, and the handwriting style of a line.
    links=(
        ModelLink("ReadOperationResult", "analyzeResult", "AnalyzeResult"),
        ModelLink("AnalyzeResult", "readResults", "ReadResult", many=True),
        ModelLink("ReadResult", "lines", "Line", many=True),
        ModelLink("Line", "words", "Word", many=True),
        ModelLink("Line", "appearance", "Appearance"),
        ModelLink("Appearance", "style", "Style"),
        ModelLink("ComputerVisionErrorResponse", "error", "ComputerVisionError"),
    ),
    auth_headers={"Ocp-Apim-Subscription-Key": "0123456789abcdef0123456789abcdef"},
)

# --- Azure AI Vision Image Analysis 4.0 (API-FACTS §6b) ------------------------------------------------

AZURE_IMAGE_ANALYSIS = SpecExpectation(
    spec_file="azure-image-analysis.yaml",
    package="azure_image_analysis_client",
    base_url="https://contoso-vision.cognitiveservices.azure.com/computervision",
    min_examples=45,
    operations=(
        OperationExpectation(
            "post",
            "/imageanalysis:analyze",
            "analyzeImage",
            request_content_types=(JSON, OCTET),
            success_model="ImageAnalysisResult",
            query=(
                QueryParam("api-version", required=True, fixed=True),
                QueryParam("features", required=True),
                QueryParam("language"),
                QueryParam("gender-neutral-caption"),
                QueryParam("smartcrops-aspect-ratios"),
                QueryParam("model-version"),
            ),
            min_request_examples=2,
            min_success_examples=3,  # read only, every feature, no text
            min_error_examples=40,  # 5 error examples on each of 8 statuses
        ),
    ),
    models=(
        "ImageAnalysisResult",
        "ImageMetadata",
        "ReadResult",
        "DetectedTextBlock",
        "DetectedTextLine",
        "DetectedTextWord",
        "ImagePoint",
        "CaptionResult",
        "DenseCaptionsResult",
        "TagsResult",
        "ObjectsResult",
        "SmartCropsResult",
        "PeopleResult",
        "ErrorResponse",
        "Error",
        "ImageUrl",
    ),
    links=(
        ModelLink("ImageAnalysisResult", "readResult", "ReadResult"),
        ModelLink("ReadResult", "blocks", "DetectedTextBlock", many=True),
        ModelLink("DetectedTextBlock", "lines", "DetectedTextLine", many=True),
        ModelLink("DetectedTextLine", "words", "DetectedTextWord", many=True),
        ModelLink("ImageAnalysisResult", "captionResult", "CaptionResult"),
        ModelLink("ImageAnalysisResult", "denseCaptionsResult", "DenseCaptionsResult"),
        ModelLink("ImageAnalysisResult", "tagsResult", "TagsResult"),
        ModelLink("ImageAnalysisResult", "objectsResult", "ObjectsResult"),
        ModelLink("ImageAnalysisResult", "smartCropsResult", "SmartCropsResult"),
        ModelLink("ImageAnalysisResult", "peopleResult", "PeopleResult"),
        ModelLink("ErrorResponse", "error", "Error"),
    ),
    auth_headers={"Ocp-Apim-Subscription-Key": "0123456789abcdef0123456789abcdef"},
)

# --- Tencent Cloud API 3.0 GeneralHandwritingOCR (API-FACTS §6c) ---------------------------------------

TENCENT_OCR_V3 = SpecExpectation(
    spec_file="tencent-ocr-v3.yaml",
    package="tencent_ocr_v3_client",
    base_url="https://ocr.tencentcloudapi.com",
    min_examples=19,
    operations=(
        OperationExpectation(
            "post",
            "/",
            "generalHandwritingOCR",
            request_content_types=(JSON,),
            success_model="GeneralHandwritingOCRResponseEnvelope",
            header_params=(
                HeaderParam("X-TC-Action", required=True, fixed=True),
                HeaderParam("X-TC-Version", required=True, fixed=True),
                HeaderParam("X-TC-Language"),
            ),
            min_request_examples=3,
            min_success_examples=8,  # 3 results, 5 errors (HTTP 200)
            min_error_examples=8,  # 1 on each of 8 statuses
        ),
    ),
    models=(
        "GeneralHandwritingOCRRequest",
        "GeneralHandwritingOCRResponseEnvelope",
        "GeneralHandwritingOCRResponse",
        "TextGeneralHandwriting",
        "TencentCloudError",
        "Coord",
        "Polygon",
    ),
    links=(
        ModelLink("GeneralHandwritingOCRResponseEnvelope", "Response", "GeneralHandwritingOCRResponse"),
        ModelLink("GeneralHandwritingOCRResponse", "TextDetections", "TextGeneralHandwriting", many=True),
        ModelLink("GeneralHandwritingOCRResponse", "Error", "TencentCloudError"),
        ModelLink("TextGeneralHandwriting", "Polygon", "Coord", many=True),
        ModelLink("TextGeneralHandwriting", "WordPolygon", "Polygon", many=True),
    ),
    # The headers the TC3 auth adds, with the published vector's signature (API-FACTS §6c): the spec
    # declares all three as required security schemes.
    auth_headers={
        "Authorization": "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/ocr/tc3_request, "
        "SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
        "X-TC-Timestamp": "1551113065",
        "X-TC-Region": "ap-guangzhou",
    },
)

# Every spec and its generated package.
ALL_SPECS: tuple[SpecExpectation, ...] = (
    AZURE_V2,
    HUAWEI_OCR,
    HUAWEI_IAM,
    TENCENT_OCR,
    AZURE_V1,
    AZURE_V3,
    AZURE_IMAGE_ANALYSIS,
    TENCENT_OCR_V3,
)
