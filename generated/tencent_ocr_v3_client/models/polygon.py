from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.coord import Coord


T = TypeVar("T", bound="Polygon")


@_attrs_define
class Polygon:
    """The four corners of a character.

    Attributes:
        left_top (Coord): A pixel position.
        right_top (Coord): A pixel position.
        right_bottom (Coord): A pixel position.
        left_bottom (Coord): A pixel position.
    """

    left_top: Coord
    right_top: Coord
    right_bottom: Coord
    left_bottom: Coord
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        left_top = self.left_top.to_dict()

        right_top = self.right_top.to_dict()

        right_bottom = self.right_bottom.to_dict()

        left_bottom = self.left_bottom.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "LeftTop": left_top,
                "RightTop": right_top,
                "RightBottom": right_bottom,
                "LeftBottom": left_bottom,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coord import Coord  # noqa: PLC0415

        d = dict(src_dict)
        left_top = Coord.from_dict(d.pop("LeftTop"))

        right_top = Coord.from_dict(d.pop("RightTop"))

        right_bottom = Coord.from_dict(d.pop("RightBottom"))

        left_bottom = Coord.from_dict(d.pop("LeftBottom"))

        polygon = cls(
            left_top=left_top,
            right_top=right_top,
            right_bottom=right_bottom,
            left_bottom=left_bottom,
        )

        polygon.additional_properties = d
        return polygon

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
