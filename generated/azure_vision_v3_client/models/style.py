from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_text_style import KnownTextStyle

T = TypeVar("T", bound="Style")


@_attrs_define
class Style:
    """Whether the line is handwritten, and how sure the service is of it.

    Attributes:
        name (KnownTextStyle | str): Extensible style of a line (the official definition models it as an open string).
        confidence (float): Confidence of the style, from 0 to 1.
    """

    name: KnownTextStyle | str
    confidence: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: str
        if isinstance(self.name, KnownTextStyle):
            name = self.name.value
        else:
            name = self.name

        confidence = self.confidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "confidence": confidence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> KnownTextStyle | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_text_style_type_0 = KnownTextStyle(data)

                return componentsschemas_text_style_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownTextStyle | str, data)

        name = _parse_name(d.pop("name"))

        confidence = d.pop("confidence")

        style = cls(
            name=name,
            confidence=confidence,
        )

        style.additional_properties = d
        return style

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
