from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.iam_error import IamError





T = TypeVar("T", bound="IamErrorResponse")



@_attrs_define
class IamErrorResponse:
    """ IAM's `{"error": {...}}` body; `error_code`/`error_msg` are the gateway's form. All optional so
    that either form parses.

        Attributes:
            error (IamError | Unset):
            error_code (str | Unset):
            error_msg (str | Unset):
     """

    error: IamError | Unset = UNSET
    error_code: str | Unset = UNSET
    error_msg: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.iam_error import IamError # noqa: PLC0415
        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        error_code = self.error_code

        error_msg = self.error_msg


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if error is not UNSET:
            field_dict["error"] = error
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if error_msg is not UNSET:
            field_dict["error_msg"] = error_msg

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.iam_error import IamError # noqa: PLC0415
        d = dict(src_dict)
        _error = d.pop("error", UNSET)
        error: IamError | Unset
        if isinstance(_error,  Unset):
            error = UNSET
        else:
            error = IamError.from_dict(_error)




        error_code = d.pop("error_code", UNSET)

        error_msg = d.pop("error_msg", UNSET)

        iam_error_response = cls(
            error=error,
            error_code=error_code,
            error_msg=error_msg,
        )


        iam_error_response.additional_properties = d
        return iam_error_response

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
