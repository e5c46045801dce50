from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.computer_vision_inner_error import ComputerVisionInnerError


T = TypeVar("T", bound="ComputerVisionError")


@_attrs_define
class ComputerVisionError:
    """Inside the envelope. The service always sends `code` and `message`; the gateway sends
    `message` with either `code` (a string such as "401") or a numeric `statusCode`.

        Attributes:
            message (str):
            code (str | Unset): Error code (an open set): InvalidImageUrl, InvalidImageFormat, InvalidImageSize,
                InvalidImageDimension, NotSupportedLanguage, InvalidPageRange, InvalidReadingOrder,
                FailedToDownloadImage, InvalidRequest, BadArgument, Timeout, InternalServerError, ...
            status_code (int | Unset): The HTTP status, sent by some gateways instead of `code`.
            innererror (ComputerVisionInnerError | Unset): A more specific error inside `error` (e.g. InvalidPageRange under
                InvalidRequest).
    """

    message: str
    code: str | Unset = UNSET
    status_code: int | Unset = UNSET
    innererror: ComputerVisionInnerError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        code = self.code

        status_code = self.status_code

        innererror: dict[str, Any] | Unset = UNSET
        if not isinstance(self.innererror, Unset):
            innererror = self.innererror.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if status_code is not UNSET:
            field_dict["statusCode"] = status_code
        if innererror is not UNSET:
            field_dict["innererror"] = innererror

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.computer_vision_inner_error import ComputerVisionInnerError  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

        code = d.pop("code", UNSET)

        status_code = d.pop("statusCode", UNSET)

        _innererror = d.pop("innererror", UNSET)
        innererror: ComputerVisionInnerError | Unset
        if isinstance(_innererror, Unset):
            innererror = UNSET
        else:
            innererror = ComputerVisionInnerError.from_dict(_innererror)

        computer_vision_error = cls(
            message=message,
            code=code,
            status_code=status_code,
            innererror=innererror,
        )

        computer_vision_error.additional_properties = d
        return computer_vision_error

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
