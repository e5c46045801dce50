from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_word_confidence import KnownWordConfidence
from ..types import UNSET, Unset

T = TypeVar("T", bound="Word")


@_attrs_define
class Word:
    """A word. The seeds show `confidence` only on low-confidence words.

    Attributes:
        bounding_box (list[float]): Four points `x1,y1,x2,y2,x3,y3,x4,y4`, clockwise from the top-left corner of the
            text as
            read. Integers in the seeds; later v2.0 releases send floats.
        text (str):
        confidence (KnownWordConfidence | str | Unset): Extensible word confidence class; only low-confidence words
            carry it.
    """

    bounding_box: list[float]
    text: str
    confidence: KnownWordConfidence | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bounding_box = self.bounding_box

        text = self.text

        confidence: str | Unset
        if isinstance(self.confidence, Unset):
            confidence = UNSET
        elif isinstance(self.confidence, KnownWordConfidence):
            confidence = self.confidence.value
        else:
            confidence = self.confidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "boundingBox": bounding_box,
                "text": text,
            }
        )
        if confidence is not UNSET:
            field_dict["confidence"] = confidence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bounding_box = cast(list[float], d.pop("boundingBox"))

        text = d.pop("text")

        def _parse_confidence(data: object) -> KnownWordConfidence | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_word_confidence_type_0 = KnownWordConfidence(data)

                return componentsschemas_word_confidence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownWordConfidence | str | Unset, data)

        confidence = _parse_confidence(d.pop("confidence", UNSET))

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
