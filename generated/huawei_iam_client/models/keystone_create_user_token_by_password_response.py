from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.token_result import TokenResult


T = TypeVar("T", bound="KeystoneCreateUserTokenByPasswordResponse")


@_attrs_define
class KeystoneCreateUserTokenByPasswordResponse:
    """
    Attributes:
        token (TokenResult | Unset): Token metadata (the token itself is the `X-Subject-Token` header).
    """

    token: TokenResult | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token: dict[str, Any] | Unset = UNSET
        if not isinstance(self.token, Unset):
            token = self.token.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if token is not UNSET:
            field_dict["token"] = token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.token_result import TokenResult  # noqa: PLC0415

        d = dict(src_dict)
        _token = d.pop("token", UNSET)
        token: TokenResult | Unset
        if isinstance(_token, Unset):
            token = UNSET
        else:
            token = TokenResult.from_dict(_token)

        keystone_create_user_token_by_password_response = cls(
            token=token,
        )

        keystone_create_user_token_by_password_response.additional_properties = d
        return keystone_create_user_token_by_password_response

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
