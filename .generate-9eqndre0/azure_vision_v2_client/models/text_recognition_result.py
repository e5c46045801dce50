from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.known_dimension_unit import KnownDimensionUnit
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.line import Line





T = TypeVar("T", bound="TextRecognitionResult")



@_attrs_define
class TextRecognitionResult:
    """ The text recognized on one page.

        Attributes:
            lines (list[Line]):
            page (int | Unset): 1-based page number.
            clockwise_orientation (float | Unset): Orientation of the page in degrees, in [0, 360).
            width (float | Unset): Width of the page, in `unit`.
            height (float | Unset): Height of the page, in `unit`.
            unit (KnownDimensionUnit | str | Unset): Extensible unit of `width`, `height` and bounding boxes.
     """

    lines: list[Line]
    page: int | Unset = UNSET
    clockwise_orientation: float | Unset = UNSET
    width: float | Unset = UNSET
    height: float | Unset = UNSET
    unit: KnownDimensionUnit | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.line import Line # noqa: PLC0415
        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)



        page = self.page

        clockwise_orientation = self.clockwise_orientation

        width = self.width

        height = self.height

        unit: str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        elif isinstance(self.unit, KnownDimensionUnit):
            unit = self.unit.value
        else:
            unit = self.unit


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "lines": lines,
        })
        if page is not UNSET:
            field_dict["page"] = page
        if clockwise_orientation is not UNSET:
            field_dict["clockwiseOrientation"] = clockwise_orientation
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if unit is not UNSET:
            field_dict["unit"] = unit

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line import Line # noqa: PLC0415
        d = dict(src_dict)
        lines = []
        _lines = d.pop("lines")
        for lines_item_data in (_lines):
            lines_item = Line.from_dict(lines_item_data)



            lines.append(lines_item)


        page = d.pop("page", UNSET)

        clockwise_orientation = d.pop("clockwiseOrientation", UNSET)

        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        def _parse_unit(data: object) -> KnownDimensionUnit | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_dimension_unit_type_0 = KnownDimensionUnit(data)



                return componentsschemas_dimension_unit_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownDimensionUnit | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))


        text_recognition_result = cls(
            lines=lines,
            page=page,
            clockwise_orientation=clockwise_orientation,
            width=width,
            height=height,
            unit=unit,
        )


        text_recognition_result.additional_properties = d
        return text_recognition_result

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
