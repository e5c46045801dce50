from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.auth_scope import AuthScope
    from ..models.pwd_identity import PwdIdentity


T = TypeVar("T", bound="PwdAuth")


@_attrs_define
class PwdAuth:
    """
    Attributes:
        identity (PwdIdentity):
        scope (AuthScope | Unset): Give either `project` (OCR needs a project-scoped token) or `domain`.
    """

    identity: PwdIdentity
    scope: AuthScope | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identity = self.identity.to_dict()

        scope: dict[str, Any] | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "identity": identity,
            }
        )
        if scope is not UNSET:
            field_dict["scope"] = scope

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.auth_scope import AuthScope  # noqa: PLC0415
        from ..models.pwd_identity import PwdIdentity  # noqa: PLC0415

        d = dict(src_dict)
        identity = PwdIdentity.from_dict(d.pop("identity"))

        _scope = d.pop("scope", UNSET)
        scope: AuthScope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = AuthScope.from_dict(_scope)

        pwd_auth = cls(
            identity=identity,
            scope=scope,
        )

        pwd_auth.additional_properties = d
        return pwd_auth

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
