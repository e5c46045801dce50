from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.detected_text_word import DetectedTextWord
    from ..models.image_point import ImagePoint


T = TypeVar("T", bound="DetectedTextLine")


@_attrs_define
class DetectedTextLine:
    """A line of text (no confidence of its own, no handwriting flag).

    Attributes:
        text (str):
        bounding_polygon (list[ImagePoint]): The corners of the text, clockwise from its top-left corner as read, in
            pixels. Four
            points today ("only quadrilaterals at the moment").
        words (list[DetectedTextWord]):
    """

    text: str
    bounding_polygon: list[ImagePoint]
    words: list[DetectedTextWord]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        bounding_polygon = []
        for componentsschemas_bounding_polygon_item_data in self.bounding_polygon:
            componentsschemas_bounding_polygon_item = componentsschemas_bounding_polygon_item_data.to_dict()
            bounding_polygon.append(componentsschemas_bounding_polygon_item)

        words = []
        for words_item_data in self.words:
            words_item = words_item_data.to_dict()
            words.append(words_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
                "boundingPolygon": bounding_polygon,
                "words": words,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.detected_text_word import DetectedTextWord  # noqa: PLC0415
        from ..models.image_point import ImagePoint  # noqa: PLC0415

        d = dict(src_dict)
        text = d.pop("text")

        bounding_polygon = []
        _bounding_polygon = d.pop("boundingPolygon")
        for componentsschemas_bounding_polygon_item_data in _bounding_polygon:
            componentsschemas_bounding_polygon_item = ImagePoint.from_dict(
                componentsschemas_bounding_polygon_item_data
            )

            bounding_polygon.append(componentsschemas_bounding_polygon_item)

        words = []
        _words = d.pop("words")
        for words_item_data in _words:
            words_item = DetectedTextWord.from_dict(words_item_data)

            words.append(words_item)

        detected_text_line = cls(
            text=text,
            bounding_polygon=bounding_polygon,
            words=words,
        )

        detected_text_line.additional_properties = d
        return detected_text_line

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
