from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_dimension_unit import KnownDimensionUnit
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.line import Line


T = TypeVar("T", bound="ReadResult")


@_attrs_define
class ReadResult:
    """The text read on one page.

    Attributes:
        page (int): 1-based page number.
        angle (float): Clockwise orientation of the page in degrees, in [-180, 180).
        width (float): Width of the page (pixels for images, inches for PDF).
        height (float): Height of the page (pixels for images, inches for PDF).
        unit (KnownDimensionUnit | str): Extensible unit of `width`, `height` and bounding boxes.
        lines (list[Line]):
        language (str | Unset): BCP-47 code of the page's text, when identified.
    """

    page: int
    angle: float
    width: float
    height: float
    unit: KnownDimensionUnit | str
    lines: list[Line]
    language: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        page = self.page

        angle = self.angle

        width = self.width

        height = self.height

        unit: str
        if isinstance(self.unit, KnownDimensionUnit):
            unit = self.unit.value
        else:
            unit = self.unit

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        language = self.language

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "page": page,
                "angle": angle,
                "width": width,
                "height": height,
                "unit": unit,
                "lines": lines,
            }
        )
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line import Line  # noqa: PLC0415

        d = dict(src_dict)
        page = d.pop("page")

        angle = d.pop("angle")

        width = d.pop("width")

        height = d.pop("height")

        def _parse_unit(data: object) -> KnownDimensionUnit | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_dimension_unit_type_0 = KnownDimensionUnit(data)

                return componentsschemas_dimension_unit_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownDimensionUnit | str, data)

        unit = _parse_unit(d.pop("unit"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = Line.from_dict(lines_item_data)

            lines.append(lines_item)

        language = d.pop("language", UNSET)

        read_result = cls(
            page=page,
            angle=angle,
            width=width,
            height=height,
            unit=unit,
            lines=lines,
            language=language,
        )

        read_result.additional_properties = d
        return read_result

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
