from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.celebrities_model import CelebritiesModel
  from ..models.landmarks_model import LandmarksModel





T = TypeVar("T", bound="CategoryDetail")



@_attrs_define
class CategoryDetail:
    """ 
        Attributes:
            celebrities (list[CelebritiesModel] | Unset):
            landmarks (list[LandmarksModel] | Unset):
     """

    celebrities: list[CelebritiesModel] | Unset = UNSET
    landmarks: list[LandmarksModel] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.celebrities_model import CelebritiesModel # noqa: PLC0415
        from ..models.landmarks_model import LandmarksModel # noqa: PLC0415
        celebrities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.celebrities, Unset):
            celebrities = []
            for celebrities_item_data in self.celebrities:
                celebrities_item = celebrities_item_data.to_dict()
                celebrities.append(celebrities_item)



        landmarks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.landmarks, Unset):
            landmarks = []
            for landmarks_item_data in self.landmarks:
                landmarks_item = landmarks_item_data.to_dict()
                landmarks.append(landmarks_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if celebrities is not UNSET:
            field_dict["celebrities"] = celebrities
        if landmarks is not UNSET:
            field_dict["landmarks"] = landmarks

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.celebrities_model import CelebritiesModel # noqa: PLC0415
        from ..models.landmarks_model import LandmarksModel # noqa: PLC0415
        d = dict(src_dict)
        _celebrities = d.pop("celebrities", UNSET)
        celebrities: list[CelebritiesModel] | Unset = UNSET
        if _celebrities is not UNSET:
            celebrities = []
            for celebrities_item_data in _celebrities:
                celebrities_item = CelebritiesModel.from_dict(celebrities_item_data)



                celebrities.append(celebrities_item)


        _landmarks = d.pop("landmarks", UNSET)
        landmarks: list[LandmarksModel] | Unset = UNSET
        if _landmarks is not UNSET:
            landmarks = []
            for landmarks_item_data in _landmarks:
                landmarks_item = LandmarksModel.from_dict(landmarks_item_data)



                landmarks.append(landmarks_item)


        category_detail = cls(
            celebrities=celebrities,
            landmarks=landmarks,
        )


        category_detail.additional_properties = d
        return category_detail

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
