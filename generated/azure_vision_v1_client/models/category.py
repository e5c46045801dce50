from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.category_detail import CategoryDetail


T = TypeVar("T", bound="Category")


@_attrs_define
class Category:
    """A category of the 86-category taxonomy.

    Attributes:
        name (str | Unset):
        score (float | Unset):
        detail (CategoryDetail | Unset):
    """

    name: str | Unset = UNSET
    score: float | Unset = UNSET
    detail: CategoryDetail | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        score = self.score

        detail: dict[str, Any] | Unset = UNSET
        if not isinstance(self.detail, Unset):
            detail = self.detail.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if score is not UNSET:
            field_dict["score"] = score
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.category_detail import CategoryDetail  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        score = d.pop("score", UNSET)

        _detail = d.pop("detail", UNSET)
        detail: CategoryDetail | Unset
        if isinstance(_detail, Unset):
            detail = UNSET
        else:
            detail = CategoryDetail.from_dict(_detail)

        category = cls(
            name=name,
            score=score,
            detail=detail,
        )

        category.additional_properties = d
        return category

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
