from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.image_caption import ImageCaption





T = TypeVar("T", bound="ImageDescriptionDetails")



@_attrs_define
class ImageDescriptionDetails:
    """ 
        Attributes:
            tags (list[str] | Unset):
            captions (list[ImageCaption] | Unset):
     """

    tags: list[str] | Unset = UNSET
    captions: list[ImageCaption] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.image_caption import ImageCaption # noqa: PLC0415
        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags



        captions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.captions, Unset):
            captions = []
            for captions_item_data in self.captions:
                captions_item = captions_item_data.to_dict()
                captions.append(captions_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if tags is not UNSET:
            field_dict["tags"] = tags
        if captions is not UNSET:
            field_dict["captions"] = captions

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.image_caption import ImageCaption # noqa: PLC0415
        d = dict(src_dict)
        tags = cast(list[str], d.pop("tags", UNSET))


        _captions = d.pop("captions", UNSET)
        captions: list[ImageCaption] | Unset = UNSET
        if _captions is not UNSET:
            captions = []
            for captions_item_data in _captions:
                captions_item = ImageCaption.from_dict(captions_item_data)



                captions.append(captions_item)


        image_description_details = cls(
            tags=tags,
            captions=captions,
        )


        image_description_details.additional_properties = d
        return image_description_details

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
