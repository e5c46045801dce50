from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageType")


@_attrs_define
class ImageType:
    """
    Attributes:
        clip_art_type (int | Unset): 0 non-clip-art, 1 ambiguous, 2 normal clip-art, 3 good clip-art.
        line_drawing_type (int | Unset): 0 not a line drawing, 1 line drawing.
    """

    clip_art_type: int | Unset = UNSET
    line_drawing_type: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        clip_art_type = self.clip_art_type

        line_drawing_type = self.line_drawing_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if clip_art_type is not UNSET:
            field_dict["clipArtType"] = clip_art_type
        if line_drawing_type is not UNSET:
            field_dict["lineDrawingType"] = line_drawing_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        clip_art_type = d.pop("clipArtType", UNSET)

        line_drawing_type = d.pop("lineDrawingType", UNSET)

        image_type = cls(
            clip_art_type=clip_art_type,
            line_drawing_type=line_drawing_type,
        )

        image_type.additional_properties = d
        return image_type

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
