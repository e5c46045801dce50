from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pwd_password_user_domain import PwdPasswordUserDomain


T = TypeVar("T", bound="PwdPasswordUser")


@_attrs_define
class PwdPasswordUser:
    """
    Attributes:
        domain (PwdPasswordUserDomain):
        name (str): IAM user name.
        password (str): The user's password. Secret.
    """

    domain: PwdPasswordUserDomain
    name: str
    password: str = _attrs_field(repr=False)
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain.to_dict()

        name = self.name

        password = self.password

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "domain": domain,
                "name": name,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pwd_password_user_domain import PwdPasswordUserDomain  # noqa: PLC0415

        d = dict(src_dict)
        domain = PwdPasswordUserDomain.from_dict(d.pop("domain"))

        name = d.pop("name")

        password = d.pop("password")

        pwd_password_user = cls(
            domain=domain,
            name=name,
            password=password,
        )

        pwd_password_user.additional_properties = d
        return pwd_password_user

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
