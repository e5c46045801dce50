from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coord import Coord
    from ..models.polygon import Polygon


T = TypeVar("T", bound="TextGeneralHandwriting")


@_attrs_define
class TextGeneralHandwriting:
    """One recognized line.

    Attributes:
        detected_text (str):
        confidence (int): Confidence of the recognition, from 0 to 100.
        polygon (list[Coord]): The four corners of the line (pixels), clockwise from the top left.
        advanced_info (str | Unset): Extra information as a JSON text, e.g. `{"Parag":{"ParagNo":1}}` (the paragraph of
            the
            line, from 1). Kept as the string the service sent.
        word_polygon (list[Polygon] | None | Unset): One polygon per character, with `EnableWordPolygon`; empty or null
            otherwise (the SDK
            documents that it may be null).
    """

    detected_text: str
    confidence: int
    polygon: list[Coord]
    advanced_info: str | Unset = UNSET
    word_polygon: list[Polygon] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detected_text = self.detected_text

        confidence = self.confidence

        polygon = []
        for polygon_item_data in self.polygon:
            polygon_item = polygon_item_data.to_dict()
            polygon.append(polygon_item)

        advanced_info = self.advanced_info

        word_polygon: list[dict[str, Any]] | None | Unset
        if isinstance(self.word_polygon, Unset):
            word_polygon = UNSET
        elif isinstance(self.word_polygon, list):
            word_polygon = []
            for word_polygon_type_0_item_data in self.word_polygon:
                word_polygon_type_0_item = word_polygon_type_0_item_data.to_dict()
                word_polygon.append(word_polygon_type_0_item)

        else:
            word_polygon = self.word_polygon

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "DetectedText": detected_text,
                "Confidence": confidence,
                "Polygon": polygon,
            }
        )
        if advanced_info is not UNSET:
            field_dict["AdvancedInfo"] = advanced_info
        if word_polygon is not UNSET:
            field_dict["WordPolygon"] = word_polygon

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coord import Coord  # noqa: PLC0415
        from ..models.polygon import Polygon  # noqa: PLC0415

        d = dict(src_dict)
        detected_text = d.pop("DetectedText")

        confidence = d.pop("Confidence")

        polygon = []
        _polygon = d.pop("Polygon")
        for polygon_item_data in _polygon:
            polygon_item = Coord.from_dict(polygon_item_data)

            polygon.append(polygon_item)

        advanced_info = d.pop("AdvancedInfo", UNSET)

        def _parse_word_polygon(data: object) -> list[Polygon] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                word_polygon_type_0 = []
                _word_polygon_type_0 = data
                for word_polygon_type_0_item_data in _word_polygon_type_0:
                    word_polygon_type_0_item = Polygon.from_dict(word_polygon_type_0_item_data)

                    word_polygon_type_0.append(word_polygon_type_0_item)

                return word_polygon_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Polygon] | None | Unset, data)

        word_polygon = _parse_word_polygon(d.pop("WordPolygon", UNSET))

        text_general_handwriting = cls(
            detected_text=detected_text,
            confidence=confidence,
            polygon=polygon,
            advanced_info=advanced_info,
            word_polygon=word_polygon,
        )

        text_general_handwriting.additional_properties = d
        return text_general_handwriting

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
