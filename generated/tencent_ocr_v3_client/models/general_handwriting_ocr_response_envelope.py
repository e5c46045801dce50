from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.general_handwriting_ocr_response import GeneralHandwritingOCRResponse


T = TypeVar("T", bound="GeneralHandwritingOCRResponseEnvelope")


@_attrs_define
class GeneralHandwritingOCRResponseEnvelope:
    """Every answer of API 3.0 is wrapped in `Response`.

    Attributes:
        response (GeneralHandwritingOCRResponse): The result (`TextDetections`, `Angle`) or the error (`Error`);
            `RequestId` in both.
    """

    response: GeneralHandwritingOCRResponse
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        response = self.response.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Response": response,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.general_handwriting_ocr_response import GeneralHandwritingOCRResponse  # noqa: PLC0415

        d = dict(src_dict)
        response = GeneralHandwritingOCRResponse.from_dict(d.pop("Response"))

        general_handwriting_ocr_response_envelope = cls(
            response=response,
        )

        general_handwriting_ocr_response_envelope.additional_properties = d
        return general_handwriting_ocr_response_envelope

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
