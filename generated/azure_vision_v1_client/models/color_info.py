from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ColorInfo")


@_attrs_define
class ColorInfo:
    """
    Attributes:
        dominant_color_foreground (str | Unset):
        dominant_color_background (str | Unset):
        dominant_colors (list[str] | Unset):
        accent_color (str | Unset): Hex color without `#`, e.g. `873B59`.
        is_bw_img (bool | Unset):
    """

    dominant_color_foreground: str | Unset = UNSET
    dominant_color_background: str | Unset = UNSET
    dominant_colors: list[str] | Unset = UNSET
    accent_color: str | Unset = UNSET
    is_bw_img: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dominant_color_foreground = self.dominant_color_foreground

        dominant_color_background = self.dominant_color_background

        dominant_colors: list[str] | Unset = UNSET
        if not isinstance(self.dominant_colors, Unset):
            dominant_colors = self.dominant_colors

        accent_color = self.accent_color

        is_bw_img = self.is_bw_img

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if dominant_color_foreground is not UNSET:
            field_dict["dominantColorForeground"] = dominant_color_foreground
        if dominant_color_background is not UNSET:
            field_dict["dominantColorBackground"] = dominant_color_background
        if dominant_colors is not UNSET:
            field_dict["dominantColors"] = dominant_colors
        if accent_color is not UNSET:
            field_dict["accentColor"] = accent_color
        if is_bw_img is not UNSET:
            field_dict["isBWImg"] = is_bw_img

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dominant_color_foreground = d.pop("dominantColorForeground", UNSET)

        dominant_color_background = d.pop("dominantColorBackground", UNSET)

        dominant_colors = cast(list[str], d.pop("dominantColors", UNSET))

        accent_color = d.pop("accentColor", UNSET)

        is_bw_img = d.pop("isBWImg", UNSET)

        color_info = cls(
            dominant_color_foreground=dominant_color_foreground,
            dominant_color_background=dominant_color_background,
            dominant_colors=dominant_colors,
            accent_color=accent_color,
            is_bw_img=is_bw_img,
        )

        color_info.additional_properties = d
        return color_info

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
