from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.adult_info import AdultInfo
    from ..models.category import Category
    from ..models.color_info import ColorInfo
    from ..models.face_description import FaceDescription
    from ..models.image_description_details import ImageDescriptionDetails
    from ..models.image_metadata import ImageMetadata
    from ..models.image_tag import ImageTag
    from ..models.image_type import ImageType


T = TypeVar("T", bound="ImageAnalysis")


@_attrs_define
class ImageAnalysis:
    """Result of AnalyzeImage; every field is optional (present when requested).

    Attributes:
        categories (list[Category] | Unset):
        adult (AdultInfo | Unset):
        tags (list[ImageTag] | Unset):
        description (ImageDescriptionDetails | Unset):
        faces (list[FaceDescription] | Unset):
        color (ColorInfo | Unset):
        image_type (ImageType | Unset):
        request_id (str | Unset):
        metadata (ImageMetadata | Unset):
    """

    categories: list[Category] | Unset = UNSET
    adult: AdultInfo | Unset = UNSET
    tags: list[ImageTag] | Unset = UNSET
    description: ImageDescriptionDetails | Unset = UNSET
    faces: list[FaceDescription] | Unset = UNSET
    color: ColorInfo | Unset = UNSET
    image_type: ImageType | Unset = UNSET
    request_id: str | Unset = UNSET
    metadata: ImageMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        categories: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.categories, Unset):
            categories = []
            for categories_item_data in self.categories:
                categories_item = categories_item_data.to_dict()
                categories.append(categories_item)

        adult: dict[str, Any] | Unset = UNSET
        if not isinstance(self.adult, Unset):
            adult = self.adult.to_dict()

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        description: dict[str, Any] | Unset = UNSET
        if not isinstance(self.description, Unset):
            description = self.description.to_dict()

        faces: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.faces, Unset):
            faces = []
            for faces_item_data in self.faces:
                faces_item = faces_item_data.to_dict()
                faces.append(faces_item)

        color: dict[str, Any] | Unset = UNSET
        if not isinstance(self.color, Unset):
            color = self.color.to_dict()

        image_type: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_type, Unset):
            image_type = self.image_type.to_dict()

        request_id = self.request_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if categories is not UNSET:
            field_dict["categories"] = categories
        if adult is not UNSET:
            field_dict["adult"] = adult
        if tags is not UNSET:
            field_dict["tags"] = tags
        if description is not UNSET:
            field_dict["description"] = description
        if faces is not UNSET:
            field_dict["faces"] = faces
        if color is not UNSET:
            field_dict["color"] = color
        if image_type is not UNSET:
            field_dict["imageType"] = image_type
        if request_id is not UNSET:
            field_dict["requestId"] = request_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.adult_info import AdultInfo  # noqa: PLC0415
        from ..models.category import Category  # noqa: PLC0415
        from ..models.color_info import ColorInfo  # noqa: PLC0415
        from ..models.face_description import FaceDescription  # noqa: PLC0415
        from ..models.image_description_details import ImageDescriptionDetails  # noqa: PLC0415
        from ..models.image_metadata import ImageMetadata  # noqa: PLC0415
        from ..models.image_tag import ImageTag  # noqa: PLC0415
        from ..models.image_type import ImageType  # noqa: PLC0415

        d = dict(src_dict)
        _categories = d.pop("categories", UNSET)
        categories: list[Category] | Unset = UNSET
        if _categories is not UNSET:
            categories = []
            for categories_item_data in _categories:
                categories_item = Category.from_dict(categories_item_data)

                categories.append(categories_item)

        _adult = d.pop("adult", UNSET)
        adult: AdultInfo | Unset
        if isinstance(_adult, Unset):
            adult = UNSET
        else:
            adult = AdultInfo.from_dict(_adult)

        _tags = d.pop("tags", UNSET)
        tags: list[ImageTag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = ImageTag.from_dict(tags_item_data)

                tags.append(tags_item)

        _description = d.pop("description", UNSET)
        description: ImageDescriptionDetails | Unset
        if isinstance(_description, Unset):
            description = UNSET
        else:
            description = ImageDescriptionDetails.from_dict(_description)

        _faces = d.pop("faces", UNSET)
        faces: list[FaceDescription] | Unset = UNSET
        if _faces is not UNSET:
            faces = []
            for faces_item_data in _faces:
                faces_item = FaceDescription.from_dict(faces_item_data)

                faces.append(faces_item)

        _color = d.pop("color", UNSET)
        color: ColorInfo | Unset
        if isinstance(_color, Unset):
            color = UNSET
        else:
            color = ColorInfo.from_dict(_color)

        _image_type = d.pop("imageType", UNSET)
        image_type: ImageType | Unset
        if isinstance(_image_type, Unset):
            image_type = UNSET
        else:
            image_type = ImageType.from_dict(_image_type)

        request_id = d.pop("requestId", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: ImageMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ImageMetadata.from_dict(_metadata)

        image_analysis = cls(
            categories=categories,
            adult=adult,
            tags=tags,
            description=description,
            faces=faces,
            color=color,
            image_type=image_type,
            request_id=request_id,
            metadata=metadata,
        )

        image_analysis.additional_properties = d
        return image_analysis

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
