from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.inner_error import InnerError


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """The error. The service always sends `code` and `message`; `code` is not declared required
    because some gateways send a numeric `statusCode` instead (as for the v2.0 API).

        Attributes:
            message (str):
            code (str | Unset): Error code (an open set), e.g. InvalidRequest, InvalidArgument, "401", "429"; the
                specific reason is often in `innererror.code` (InvalidImageUrl, InvalidImageFormat,
                InvalidImageSize, NotSupportedFeature, ...).
            status_code (int | Unset): The HTTP status, sent by some gateways instead of `code`.
            target (str | Unset): What the error is about (e.g. a parameter name).
            details (list[Error] | Unset): Errors that led to this one.
            innererror (InnerError | Unset): A more specific error, possibly nesting another.
    """

    message: str
    code: str | Unset = UNSET
    status_code: int | Unset = UNSET
    target: str | Unset = UNSET
    details: list[Error] | Unset = UNSET
    innererror: InnerError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        code = self.code

        status_code = self.status_code

        target = self.target

        details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = []
            for details_item_data in self.details:
                details_item = details_item_data.to_dict()
                details.append(details_item)

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
        if target is not UNSET:
            field_dict["target"] = target
        if details is not UNSET:
            field_dict["details"] = details
        if innererror is not UNSET:
            field_dict["innererror"] = innererror

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.inner_error import InnerError  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

        code = d.pop("code", UNSET)

        status_code = d.pop("statusCode", UNSET)

        target = d.pop("target", UNSET)

        _details = d.pop("details", UNSET)
        details: list[Error] | Unset = UNSET
        if _details is not UNSET:
            details = []
            for details_item_data in _details:
                details_item = Error.from_dict(details_item_data)

                details.append(details_item)

        _innererror = d.pop("innererror", UNSET)
        innererror: InnerError | Unset
        if isinstance(_innererror, Unset):
            innererror = UNSET
        else:
            innererror = InnerError.from_dict(_innererror)

        error = cls(
            message=message,
            code=code,
            status_code=status_code,
            target=target,
            details=details,
            innererror=innererror,
        )

        error.additional_properties = d
        return error

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
