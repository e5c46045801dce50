from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdultInfo")


@_attrs_define
class AdultInfo:
    """
    Attributes:
        is_adult_content (bool | Unset):
        is_racy_content (bool | Unset):
        adult_score (float | Unset):
        racy_score (float | Unset):
    """

    is_adult_content: bool | Unset = UNSET
    is_racy_content: bool | Unset = UNSET
    adult_score: float | Unset = UNSET
    racy_score: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_adult_content = self.is_adult_content

        is_racy_content = self.is_racy_content

        adult_score = self.adult_score

        racy_score = self.racy_score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if is_adult_content is not UNSET:
            field_dict["isAdultContent"] = is_adult_content
        if is_racy_content is not UNSET:
            field_dict["isRacyContent"] = is_racy_content
        if adult_score is not UNSET:
            field_dict["adultScore"] = adult_score
        if racy_score is not UNSET:
            field_dict["racyScore"] = racy_score

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_adult_content = d.pop("isAdultContent", UNSET)

        is_racy_content = d.pop("isRacyContent", UNSET)

        adult_score = d.pop("adultScore", UNSET)

        racy_score = d.pop("racyScore", UNSET)

        adult_info = cls(
            is_adult_content=is_adult_content,
            is_racy_content=is_racy_content,
            adult_score=adult_score,
            racy_score=racy_score,
        )

        adult_info.additional_properties = d
        return adult_info

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
