from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.handwriting_items_response import HandwritingItemsResponse


T = TypeVar("T", bound="HandwritingResult")


@_attrs_define
class HandwritingResult:
    """
    Attributes:
        words_block_count (int | Unset): Number of text blocks detected.
        words_block_list (list[HandwritingItemsResponse] | Unset): The text blocks, left to right and top to bottom.
    """

    words_block_count: int | Unset = UNSET
    words_block_list: list[HandwritingItemsResponse] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        words_block_count = self.words_block_count

        words_block_list: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.words_block_list, Unset):
            words_block_list = []
            for words_block_list_item_data in self.words_block_list:
                words_block_list_item = words_block_list_item_data.to_dict()
                words_block_list.append(words_block_list_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if words_block_count is not UNSET:
            field_dict["words_block_count"] = words_block_count
        if words_block_list is not UNSET:
            field_dict["words_block_list"] = words_block_list

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.handwriting_items_response import HandwritingItemsResponse  # noqa: PLC0415

        d = dict(src_dict)
        words_block_count = d.pop("words_block_count", UNSET)

        _words_block_list = d.pop("words_block_list", UNSET)
        words_block_list: list[HandwritingItemsResponse] | Unset = UNSET
        if _words_block_list is not UNSET:
            words_block_list = []
            for words_block_list_item_data in _words_block_list:
                words_block_list_item = HandwritingItemsResponse.from_dict(words_block_list_item_data)

                words_block_list.append(words_block_list_item)

        handwriting_result = cls(
            words_block_count=words_block_count,
            words_block_list=words_block_list,
        )

        handwriting_result.additional_properties = d
        return handwriting_result

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
