from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.known_operation_status import KnownOperationStatus
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.text_recognition_result import TextRecognitionResult





T = TypeVar("T", bound="TextOperationResult")



@_attrs_define
class TextOperationResult:
    """ Result of GET /textOperations/{operationId} (a single TextRecognitionResult).

        Attributes:
            status (KnownOperationStatus | str | Unset): Extensible operation status; unknown values stay plain strings.
            recognition_result (TextRecognitionResult | Unset): The text recognized on one page.
     """

    status: KnownOperationStatus | str | Unset = UNSET
    recognition_result: TextRecognitionResult | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.text_recognition_result import TextRecognitionResult # noqa: PLC0415
        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, KnownOperationStatus):
            status = self.status.value
        else:
            status = self.status

        recognition_result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.recognition_result, Unset):
            recognition_result = self.recognition_result.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if status is not UNSET:
            field_dict["status"] = status
        if recognition_result is not UNSET:
            field_dict["recognitionResult"] = recognition_result

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.text_recognition_result import TextRecognitionResult # noqa: PLC0415
        d = dict(src_dict)
        def _parse_status(data: object) -> KnownOperationStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_operation_status_type_0 = KnownOperationStatus(data)



                return componentsschemas_operation_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownOperationStatus | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))


        _recognition_result = d.pop("recognitionResult", UNSET)
        recognition_result: TextRecognitionResult | Unset
        if isinstance(_recognition_result,  Unset):
            recognition_result = UNSET
        else:
            recognition_result = TextRecognitionResult.from_dict(_recognition_result)




        text_operation_result = cls(
            status=status,
            recognition_result=recognition_result,
        )


        text_operation_result.additional_properties = d
        return text_operation_result

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
