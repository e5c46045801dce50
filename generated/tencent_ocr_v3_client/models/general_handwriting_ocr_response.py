from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tencent_cloud_error import TencentCloudError
    from ..models.text_general_handwriting import TextGeneralHandwriting


T = TypeVar("T", bound="GeneralHandwritingOCRResponse")


@_attrs_define
class GeneralHandwritingOCRResponse:
    """The result (`TextDetections`, `Angle`) or the error (`Error`); `RequestId` in both.

    Attributes:
        request_id (str): Id of the request, for support; sent with results and errors.
        text_detections (list[TextGeneralHandwriting] | Unset): The recognized lines.
        angel (float | Unset): Deprecated misspelling of `Angle`, still sent.
        angle (float | Unset): Rotation of the image in degrees; text running horizontally is 0, clockwise positive.
        error (TencentCloudError | Unset): An error of the action or of the API 3.0 front end.
    """

    request_id: str
    text_detections: list[TextGeneralHandwriting] | Unset = UNSET
    angel: float | Unset = UNSET
    angle: float | Unset = UNSET
    error: TencentCloudError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        text_detections: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.text_detections, Unset):
            text_detections = []
            for text_detections_item_data in self.text_detections:
                text_detections_item = text_detections_item_data.to_dict()
                text_detections.append(text_detections_item)

        angel = self.angel

        angle = self.angle

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "RequestId": request_id,
            }
        )
        if text_detections is not UNSET:
            field_dict["TextDetections"] = text_detections
        if angel is not UNSET:
            field_dict["Angel"] = angel
        if angle is not UNSET:
            field_dict["Angle"] = angle
        if error is not UNSET:
            field_dict["Error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tencent_cloud_error import TencentCloudError  # noqa: PLC0415
        from ..models.text_general_handwriting import TextGeneralHandwriting  # noqa: PLC0415

        d = dict(src_dict)
        request_id = d.pop("RequestId")

        _text_detections = d.pop("TextDetections", UNSET)
        text_detections: list[TextGeneralHandwriting] | Unset = UNSET
        if _text_detections is not UNSET:
            text_detections = []
            for text_detections_item_data in _text_detections:
                text_detections_item = TextGeneralHandwriting.from_dict(text_detections_item_data)

                text_detections.append(text_detections_item)

        angel = d.pop("Angel", UNSET)

        angle = d.pop("Angle", UNSET)

        _error = d.pop("Error", UNSET)
        error: TencentCloudError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = TencentCloudError.from_dict(_error)

        general_handwriting_ocr_response = cls(
            request_id=request_id,
            text_detections=text_detections,
            angel=angel,
            angle=angle,
            error=error,
        )

        general_handwriting_ocr_response.additional_properties = d
        return general_handwriting_ocr_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
