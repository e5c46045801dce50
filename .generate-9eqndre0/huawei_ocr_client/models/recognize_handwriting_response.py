from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.handwriting_result import HandwritingResult





T = TypeVar("T", bound="RecognizeHandwritingResponse")



@_attrs_define
class RecognizeHandwritingResponse:
    """ Successful response body. (The official SDK also exposes the X-Request-Id header.)

        Attributes:
            result (HandwritingResult | Unset):
     """

    result: HandwritingResult | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.handwriting_result import HandwritingResult # noqa: PLC0415
        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.handwriting_result import HandwritingResult # noqa: PLC0415
        d = dict(src_dict)
        _result = d.pop("result", UNSET)
        result: HandwritingResult | Unset
        if isinstance(_result,  Unset):
            result = UNSET
        else:
            result = HandwritingResult.from_dict(_result)




        recognize_handwriting_response = cls(
            result=result,
        )


        recognize_handwriting_response.additional_properties = d
        return recognize_handwriting_response

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
