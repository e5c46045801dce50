from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.face_rectangle import FaceRectangle


T = TypeVar("T", bound="CelebritiesModel")


@_attrs_define
class CelebritiesModel:
    """
    Attributes:
        name (str | Unset):
        confidence (float | Unset):
        face_rectangle (FaceRectangle | Unset):
    """

    name: str | Unset = UNSET
    confidence: float | Unset = UNSET
    face_rectangle: FaceRectangle | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        confidence = self.confidence

        face_rectangle: dict[str, Any] | Unset = UNSET
        if not isinstance(self.face_rectangle, Unset):
            face_rectangle = self.face_rectangle.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if face_rectangle is not UNSET:
            field_dict["faceRectangle"] = face_rectangle

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.face_rectangle import FaceRectangle  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        confidence = d.pop("confidence", UNSET)

        _face_rectangle = d.pop("faceRectangle", UNSET)
        face_rectangle: FaceRectangle | Unset
        if isinstance(_face_rectangle, Unset):
            face_rectangle = UNSET
        else:
            face_rectangle = FaceRectangle.from_dict(_face_rectangle)

        celebrities_model = cls(
            name=name,
            confidence=confidence,
            face_rectangle=face_rectangle,
        )

        celebrities_model.additional_properties = d
        return celebrities_model

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
