from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pwd_password import PwdPassword


T = TypeVar("T", bound="PwdIdentity")


@_attrs_define
class PwdIdentity:
    """
    Attributes:
        methods (list[str]): Authentication methods; `["password"]`.
        password (PwdPassword):
    """

    methods: list[str]
    password: PwdPassword
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        methods = self.methods

        password = self.password.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "methods": methods,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pwd_password import PwdPassword  # noqa: PLC0415

        d = dict(src_dict)
        methods = cast(list[str], d.pop("methods"))

        password = PwdPassword.from_dict(d.pop("password"))

        pwd_identity = cls(
            methods=methods,
            password=password,
        )

        pwd_identity.additional_properties = d
        return pwd_identity

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
