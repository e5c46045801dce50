from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.computer_vision_error import ComputerVisionError


T = TypeVar("T", bound="ComputerVisionErrorResponse")


@_attrs_define
class ComputerVisionErrorResponse:
    """The error envelope of v3.x and of the API gateway.

    Attributes:
        error (ComputerVisionError | Unset): Inside the envelope. The service always sends `code` and `message`; the
            gateway sends
            `message` with either `code` (a string such as "401") or a numeric `statusCode`.
    """

    error: ComputerVisionError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.computer_vision_error import ComputerVisionError  # noqa: PLC0415

        d = dict(src_dict)
        _error = d.pop("error", UNSET)
        error: ComputerVisionError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = ComputerVisionError.from_dict(_error)

        computer_vision_error_response = cls(
            error=error,
        )

        computer_vision_error_response.additional_properties = d
        return computer_vision_error_response

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
