from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.known_words_block_type import KnownWordsBlockType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="HandwritingItemsResponse")



@_attrs_define
class HandwritingItemsResponse:
    """ One text block (`HandwritingWordsBlockList` in the official SDK).

        Attributes:
            words (str | Unset): The recognized text of the block.
            type_ (KnownWordsBlockType | str | Unset): Extensible block type; the reference documents only `text`.
            confidence (float | Unset): Confidence in [0, 1] (not an accuracy).
            location (list[list[int]] | Unset): The block's four vertices `[x, y]`, clockwise from the top-left, in pixels
                with the origin at
                the image's top-left corner.
     """

    words: str | Unset = UNSET
    type_: KnownWordsBlockType | str | Unset = UNSET
    confidence: float | Unset = UNSET
    location: list[list[int]] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        words = self.words

        type_: str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, KnownWordsBlockType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        confidence = self.confidence

        location: list[list[int]] | Unset = UNSET
        if not isinstance(self.location, Unset):
            location = []
            for location_item_data in self.location:
                location_item = location_item_data


                location.append(location_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if words is not UNSET:
            field_dict["words"] = words
        if type_ is not UNSET:
            field_dict["type"] = type_
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if location is not UNSET:
            field_dict["location"] = location

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        words = d.pop("words", UNSET)

        def _parse_type_(data: object) -> KnownWordsBlockType | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_words_block_type_type_0 = KnownWordsBlockType(data)



                return componentsschemas_words_block_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownWordsBlockType | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))


        confidence = d.pop("confidence", UNSET)

        _location = d.pop("location", UNSET)
        location: list[list[int]] | Unset = UNSET
        if _location is not UNSET:
            location = []
            for location_item_data in _location:
                location_item = cast(list[int], location_item_data)

                location.append(location_item)


        handwriting_items_response = cls(
            words=words,
            type_=type_,
            confidence=confidence,
            location=location,
        )


        handwriting_items_response.additional_properties = d
        return handwriting_items_response

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
