from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="TokenCatalogEndpoint")



@_attrs_define
class TokenCatalogEndpoint:
    """ 
        Attributes:
            id (str | Unset):
            interface (str | Unset):
            region (str | Unset):
            region_id (str | Unset):
            url (str | Unset):
     """

    id: str | Unset = UNSET
    interface: str | Unset = UNSET
    region: str | Unset = UNSET
    region_id: str | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        interface = self.interface

        region = self.region

        region_id = self.region_id

        url = self.url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if id is not UNSET:
            field_dict["id"] = id
        if interface is not UNSET:
            field_dict["interface"] = interface
        if region is not UNSET:
            field_dict["region"] = region
        if region_id is not UNSET:
            field_dict["region_id"] = region_id
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        interface = d.pop("interface", UNSET)

        region = d.pop("region", UNSET)

        region_id = d.pop("region_id", UNSET)

        url = d.pop("url", UNSET)

        token_catalog_endpoint = cls(
            id=id,
            interface=interface,
            region=region,
            region_id=region_id,
            url=url,
        )


        token_catalog_endpoint.additional_properties = d
        return token_catalog_endpoint

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
