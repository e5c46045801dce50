from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.candidate_word import CandidateWord
    from ..models.item_coord import ItemCoord
    from ..models.ocr_point import OcrPoint
    from ..models.ocr_word import OcrWord


T = TypeVar("T", bound="OcrItem")


@_attrs_define
class OcrItem:
    """One recognized line.

    Attributes:
        itemstring (str | Unset): The text of the line.
        itemcoord (ItemCoord | Unset): Axis-aligned box of the line in pixels.
        words (list[OcrWord] | Unset): The characters of the line, without boxes.
        coords (list[OcrPoint] | Unset): Polygon of the line; empty in every documented example (point shape is
            x-guess).
        candword (list[CandidateWord] | Unset): Candidate alternatives; empty in every documented example (shape is
            x-guess).
    """

    itemstring: str | Unset = UNSET
    itemcoord: ItemCoord | Unset = UNSET
    words: list[OcrWord] | Unset = UNSET
    coords: list[OcrPoint] | Unset = UNSET
    candword: list[CandidateWord] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        itemstring = self.itemstring

        itemcoord: dict[str, Any] | Unset = UNSET
        if not isinstance(self.itemcoord, Unset):
            itemcoord = self.itemcoord.to_dict()

        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.words, Unset):
            words = []
            for words_item_data in self.words:
                words_item = words_item_data.to_dict()
                words.append(words_item)

        coords: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.coords, Unset):
            coords = []
            for coords_item_data in self.coords:
                coords_item = coords_item_data.to_dict()
                coords.append(coords_item)

        candword: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.candword, Unset):
            candword = []
            for candword_item_data in self.candword:
                candword_item = candword_item_data.to_dict()
                candword.append(candword_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if itemstring is not UNSET:
            field_dict["itemstring"] = itemstring
        if itemcoord is not UNSET:
            field_dict["itemcoord"] = itemcoord
        if words is not UNSET:
            field_dict["words"] = words
        if coords is not UNSET:
            field_dict["coords"] = coords
        if candword is not UNSET:
            field_dict["candword"] = candword

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.candidate_word import CandidateWord  # noqa: PLC0415
        from ..models.item_coord import ItemCoord  # noqa: PLC0415
        from ..models.ocr_point import OcrPoint  # noqa: PLC0415
        from ..models.ocr_word import OcrWord  # noqa: PLC0415

        d = dict(src_dict)
        itemstring = d.pop("itemstring", UNSET)

        _itemcoord = d.pop("itemcoord", UNSET)
        itemcoord: ItemCoord | Unset
        if isinstance(_itemcoord, Unset):
            itemcoord = UNSET
        else:
            itemcoord = ItemCoord.from_dict(_itemcoord)

        _words = d.pop("words", UNSET)
        words: list[OcrWord] | Unset = UNSET
        if _words is not UNSET:
            words = []
            for words_item_data in _words:
                words_item = OcrWord.from_dict(words_item_data)

                words.append(words_item)

        _coords = d.pop("coords", UNSET)
        coords: list[OcrPoint] | Unset = UNSET
        if _coords is not UNSET:
            coords = []
            for coords_item_data in _coords:
                coords_item = OcrPoint.from_dict(coords_item_data)

                coords.append(coords_item)

        _candword = d.pop("candword", UNSET)
        candword: list[CandidateWord] | Unset = UNSET
        if _candword is not UNSET:
            candword = []
            for candword_item_data in _candword:
                candword_item = CandidateWord.from_dict(candword_item_data)

                candword.append(candword_item)

        ocr_item = cls(
            itemstring=itemstring,
            itemcoord=itemcoord,
            words=words,
            coords=coords,
            candword=candword,
        )

        ocr_item.additional_properties = d
        return ocr_item

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
