from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="HuaweiErrorResponse")



@_attrs_define
class HuaweiErrorResponse:
    """ Error body of the OCR service and of the API gateway (APIG). Codes: AIS.0101-AIS.0105,
    ModelArts.4204, ModelArts.4401, APIG.0301, APIG.0308, ... (an open set).

        Attributes:
            error_code (str | Unset):
            error_msg (str | Unset):
            request_id (str | Unset): Sent by the API gateway with its own errors (x-guess; not in seed 002).
     """

    error_code: str | Unset = UNSET
    error_msg: str | Unset = UNSET
    request_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        error_code = self.error_code

        error_msg = self.error_msg

        request_id = self.request_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if error_msg is not UNSET:
            field_dict["error_msg"] = error_msg
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error_code = d.pop("error_code", UNSET)

        error_msg = d.pop("error_msg", UNSET)

        request_id = d.pop("request_id", UNSET)

        huawei_error_response = cls(
            error_code=error_code,
            error_msg=error_msg,
            request_id=request_id,
        )


        huawei_error_response.additional_properties = d
        return huawei_error_response

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
