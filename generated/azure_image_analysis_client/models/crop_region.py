from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.image_bounding_box import ImageBoundingBox


T = TypeVar("T", bound="CropRegion")


@_attrs_define
class CropRegion:
    """A region at an aspect ratio, keeping as much of the image (faces first) as possible.

    Attributes:
        aspect_ratio (float): Width divided by height.
        bounding_box (ImageBoundingBox): An axis-aligned rectangle, in pixels.
    """

    aspect_ratio: float
    bounding_box: ImageBoundingBox
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aspect_ratio = self.aspect_ratio

        bounding_box = self.bounding_box.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aspectRatio": aspect_ratio,
                "boundingBox": bounding_box,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.image_bounding_box import ImageBoundingBox  # noqa: PLC0415

        d = dict(src_dict)
        aspect_ratio = d.pop("aspectRatio")

        bounding_box = ImageBoundingBox.from_dict(d.pop("boundingBox"))

        crop_region = cls(
            aspect_ratio=aspect_ratio,
            bounding_box=bounding_box,
        )

        crop_region.additional_properties = d
        return crop_region

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
