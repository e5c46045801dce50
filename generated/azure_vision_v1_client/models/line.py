from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.word import Word


T = TypeVar("T", bound="Line")


@_attrs_define
class Line:
    """
    Attributes:
        bounding_box (list[float] | Unset): Four points `x1,y1,...,x4,y4`, clockwise from the top-left corner of the
            text.
        text (str | Unset):
        words (list[Word] | Unset):
    """

    bounding_box: list[float] | Unset = UNSET
    text: str | Unset = UNSET
    words: list[Word] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bounding_box: list[float] | Unset = UNSET
        if not isinstance(self.bounding_box, Unset):
            bounding_box = self.bounding_box

        text = self.text

        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.words, Unset):
            words = []
            for words_item_data in self.words:
                words_item = words_item_data.to_dict()
                words.append(words_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bounding_box is not UNSET:
            field_dict["boundingBox"] = bounding_box
        if text is not UNSET:
            field_dict["text"] = text
        if words is not UNSET:
            field_dict["words"] = words

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.word import Word  # noqa: PLC0415

        d = dict(src_dict)
        bounding_box = cast(list[float], d.pop("boundingBox", UNSET))

        text = d.pop("text", UNSET)

        _words = d.pop("words", UNSET)
        words: list[Word] | Unset = UNSET
        if _words is not UNSET:
            words = []
            for words_item_data in _words:
                words_item = Word.from_dict(words_item_data)

                words.append(words_item)

        line = cls(
            bounding_box=bounding_box,
            text=text,
            words=words,
        )

        line.additional_properties = d
        return line

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
