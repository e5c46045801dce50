from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.detected_tag import DetectedTag
    from ..models.image_bounding_box import ImageBoundingBox


T = TypeVar("T", bound="DetectedObject")


@_attrs_define
class DetectedObject:
    """One located object; `tags` holds one tag naming it.

    Attributes:
        bounding_box (ImageBoundingBox): An axis-aligned rectangle, in pixels.
        tags (list[DetectedTag]):
    """

    bounding_box: ImageBoundingBox
    tags: list[DetectedTag]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bounding_box = self.bounding_box.to_dict()

        tags = []
        for tags_item_data in self.tags:
            tags_item = tags_item_data.to_dict()
            tags.append(tags_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "boundingBox": bounding_box,
                "tags": tags,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.detected_tag import DetectedTag  # noqa: PLC0415
        from ..models.image_bounding_box import ImageBoundingBox  # noqa: PLC0415

        d = dict(src_dict)
        bounding_box = ImageBoundingBox.from_dict(d.pop("boundingBox"))

        tags = []
        _tags = d.pop("tags")
        for tags_item_data in _tags:
            tags_item = DetectedTag.from_dict(tags_item_data)

            tags.append(tags_item)

        detected_object = cls(
            bounding_box=bounding_box,
            tags=tags,
        )

        detected_object.additional_properties = d
        return detected_object

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
