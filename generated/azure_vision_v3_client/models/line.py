from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.appearance import Appearance
    from ..models.word import Word


T = TypeVar("T", bound="Line")


@_attrs_define
class Line:
    """A line of text.

    Attributes:
        bounding_box (list[float]): Four points `x1,y1,x2,y2,x3,y3,x4,y4`, clockwise from the top-left corner of the
            text as
            read, in `unit` (pixels for images, inches for PDF).
        text (str):
        words (list[Word]):
        language (str | Unset): BCP-47 code of the line, only where it differs from the page's.
        appearance (Appearance | Unset): How the line looks.
    """

    bounding_box: list[float]
    text: str
    words: list[Word]
    language: str | Unset = UNSET
    appearance: Appearance | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bounding_box = self.bounding_box

        text = self.text

        words = []
        for words_item_data in self.words:
            words_item = words_item_data.to_dict()
            words.append(words_item)

        language = self.language

        appearance: dict[str, Any] | Unset = UNSET
        if not isinstance(self.appearance, Unset):
            appearance = self.appearance.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "boundingBox": bounding_box,
                "text": text,
                "words": words,
            }
        )
        if language is not UNSET:
            field_dict["language"] = language
        if appearance is not UNSET:
            field_dict["appearance"] = appearance

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.appearance import Appearance  # noqa: PLC0415
        from ..models.word import Word  # noqa: PLC0415

        d = dict(src_dict)
        bounding_box = cast(list[float], d.pop("boundingBox"))

        text = d.pop("text")

        words = []
        _words = d.pop("words")
        for words_item_data in _words:
            words_item = Word.from_dict(words_item_data)

            words.append(words_item)

        language = d.pop("language", UNSET)

        _appearance = d.pop("appearance", UNSET)
        appearance: Appearance | Unset
        if isinstance(_appearance, Unset):
            appearance = UNSET
        else:
            appearance = Appearance.from_dict(_appearance)

        line = cls(
            bounding_box=bounding_box,
            text=text,
            words=words,
            language=language,
            appearance=appearance,
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
