from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Word")


@_attrs_define
class Word:
    """A word, with the confidence of its recognition.

    Attributes:
        bounding_box (list[float]): Four points `x1,y1,x2,y2,x3,y3,x4,y4`, clockwise from the top-left corner of the
            text as
            read, in `unit` (pixels for images, inches for PDF).
        text (str):
        confidence (float): Confidence of the recognition, from 0 to 1.
    """

    bounding_box: list[float]
    text: str
    confidence: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bounding_box = self.bounding_box

        text = self.text

        confidence = self.confidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "boundingBox": bounding_box,
                "text": text,
                "confidence": confidence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bounding_box = cast(list[float], d.pop("boundingBox"))

        text = d.pop("text")

        confidence = d.pop("confidence")

        word = cls(
            bounding_box=bounding_box,
            text=text,
            confidence=confidence,
        )

        word.additional_properties = d
        return word

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
