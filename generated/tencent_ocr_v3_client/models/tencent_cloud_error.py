from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TencentCloudError")


@_attrs_define
class TencentCloudError:
    """An error of the action or of the API 3.0 front end.

    Attributes:
        code (str): Error code (an open set): AuthFailure.SignatureFailure, AuthFailure.SignatureExpire,
            AuthFailure.SecretIdNotFound, AuthFailure.InvalidAuthorization,
            AuthFailure.UnauthorizedOperation, RequestLimitExceeded (and
            RequestLimitExceeded.UinLimitExceeded, .GlobalRegionUinLimitExceeded),
            LimitExceeded.TooLargeFileError, FailedOperation.ImageNoText,
            FailedOperation.ImageNoHandWrite, FailedOperation.ImageDecodeFailed,
            FailedOperation.ImageSizeTooLarge, FailedOperation.DownLoadError,
            FailedOperation.EngineRecognizeTimeout, FailedOperation.UnKnowError,
            InvalidParameterValue.InvalidParameterValueLimit, ResourceUnavailable.InArrears,
            ResourceUnavailable.ResourcePackageRunOut, ResourcesSoldOut.ChargeStatusException,
            InternalError, ...
        message (str): Human-readable message, in the language of `X-TC-Language`.
    """

    code: str
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Code": code,
                "Message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("Code")

        message = d.pop("Message")

        tencent_cloud_error = cls(
            code=code,
            message=message,
        )

        tencent_cloud_error.additional_properties = d
        return tencent_cloud_error

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
