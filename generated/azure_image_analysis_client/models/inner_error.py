from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InnerError")


@_attrs_define
class InnerError:
    """A more specific error, possibly nesting another.

    Attributes:
        code (str | Unset):
        message (str | Unset): Sent by this service although the Azure core definition does not list it.
        innererror (InnerError | Unset): A more specific error, possibly nesting another.
    """

    code: str | Unset = UNSET
    message: str | Unset = UNSET
    innererror: InnerError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        innererror: dict[str, Any] | Unset = UNSET
        if not isinstance(self.innererror, Unset):
            innererror = self.innererror.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if innererror is not UNSET:
            field_dict["innererror"] = innererror

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        message = d.pop("message", UNSET)

        _innererror = d.pop("innererror", UNSET)
        innererror: InnerError | Unset
        if isinstance(_innererror, Unset):
            innererror = UNSET
        else:
            innererror = InnerError.from_dict(_innererror)

        inner_error = cls(
            code=code,
            message=message,
            innererror=innererror,
        )

        inner_error.additional_properties = d
        return inner_error

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
