from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.known_gender import KnownGender
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.face_rectangle import FaceRectangle





T = TypeVar("T", bound="FaceDescription")



@_attrs_define
class FaceDescription:
    """ 
        Attributes:
            age (int | Unset):
            gender (KnownGender | str | Unset): Extensible gender value.
            face_rectangle (FaceRectangle | Unset):
     """

    age: int | Unset = UNSET
    gender: KnownGender | str | Unset = UNSET
    face_rectangle: FaceRectangle | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.face_rectangle import FaceRectangle # noqa: PLC0415
        age = self.age

        gender: str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        elif isinstance(self.gender, KnownGender):
            gender = self.gender.value
        else:
            gender = self.gender

        face_rectangle: dict[str, Any] | Unset = UNSET
        if not isinstance(self.face_rectangle, Unset):
            face_rectangle = self.face_rectangle.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if age is not UNSET:
            field_dict["age"] = age
        if gender is not UNSET:
            field_dict["gender"] = gender
        if face_rectangle is not UNSET:
            field_dict["faceRectangle"] = face_rectangle

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.face_rectangle import FaceRectangle # noqa: PLC0415
        d = dict(src_dict)
        age = d.pop("age", UNSET)

        def _parse_gender(data: object) -> KnownGender | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_gender_type_0 = KnownGender(data)



                return componentsschemas_gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownGender | str | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))


        _face_rectangle = d.pop("faceRectangle", UNSET)
        face_rectangle: FaceRectangle | Unset
        if isinstance(_face_rectangle,  Unset):
            face_rectangle = UNSET
        else:
            face_rectangle = FaceRectangle.from_dict(_face_rectangle)




        face_description = cls(
            age=age,
            gender=gender,
            face_rectangle=face_rectangle,
        )


        face_description.additional_properties = d
        return face_description

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
