from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ocr_region import OcrRegion


T = TypeVar("T", bound="OcrResult")


@_attrs_define
class OcrResult:
    """
    Attributes:
        language (str | Unset): BCP-47 code of the detected (or requested) language.
        text_angle (float | Unset): Angle in degrees by which the text was rotated before recognition.
        orientation (str | Unset): Up, Down, Left, Right (or NotDetected) - the direction the top of the text faces.
        regions (list[OcrRegion] | Unset):
    """

    language: str | Unset = UNSET
    text_angle: float | Unset = UNSET
    orientation: str | Unset = UNSET
    regions: list[OcrRegion] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        text_angle = self.text_angle

        orientation = self.orientation

        regions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.regions, Unset):
            regions = []
            for regions_item_data in self.regions:
                regions_item = regions_item_data.to_dict()
                regions.append(regions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if language is not UNSET:
            field_dict["language"] = language
        if text_angle is not UNSET:
            field_dict["textAngle"] = text_angle
        if orientation is not UNSET:
            field_dict["orientation"] = orientation
        if regions is not UNSET:
            field_dict["regions"] = regions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ocr_region import OcrRegion  # noqa: PLC0415

        d = dict(src_dict)
        language = d.pop("language", UNSET)

        text_angle = d.pop("textAngle", UNSET)

        orientation = d.pop("orientation", UNSET)

        _regions = d.pop("regions", UNSET)
        regions: list[OcrRegion] | Unset = UNSET
        if _regions is not UNSET:
            regions = []
            for regions_item_data in _regions:
                regions_item = OcrRegion.from_dict(regions_item_data)

                regions.append(regions_item)

        ocr_result = cls(
            language=language,
            text_angle=text_angle,
            orientation=orientation,
            regions=regions,
        )

        ocr_result.additional_properties = d
        return ocr_result

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
