from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.token_domain_result import TokenDomainResult





T = TypeVar("T", bound="TokenUserResult")



@_attrs_define
class TokenUserResult:
    """ 
        Attributes:
            id (str | Unset):
            name (str | Unset):
            domain (TokenDomainResult | Unset):
            password_expires_at (str | Unset):
     """

    id: str | Unset = UNSET
    name: str | Unset = UNSET
    domain: TokenDomainResult | Unset = UNSET
    password_expires_at: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.token_domain_result import TokenDomainResult # noqa: PLC0415
        id = self.id

        name = self.name

        domain: dict[str, Any] | Unset = UNSET
        if not isinstance(self.domain, Unset):
            domain = self.domain.to_dict()

        password_expires_at = self.password_expires_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if domain is not UNSET:
            field_dict["domain"] = domain
        if password_expires_at is not UNSET:
            field_dict["password_expires_at"] = password_expires_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.token_domain_result import TokenDomainResult # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        _domain = d.pop("domain", UNSET)
        domain: TokenDomainResult | Unset
        if isinstance(_domain,  Unset):
            domain = UNSET
        else:
            domain = TokenDomainResult.from_dict(_domain)




        password_expires_at = d.pop("password_expires_at", UNSET)

        token_user_result = cls(
            id=id,
            name=name,
            domain=domain,
            password_expires_at=password_expires_at,
        )


        token_user_result.additional_properties = d
        return token_user_result

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
