from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.caption_result import CaptionResult
    from ..models.dense_captions_result import DenseCaptionsResult
    from ..models.image_metadata import ImageMetadata
    from ..models.objects_result import ObjectsResult
    from ..models.people_result import PeopleResult
    from ..models.read_result import ReadResult
    from ..models.smart_crops_result import SmartCropsResult
    from ..models.tags_result import TagsResult


T = TypeVar("T", bound="ImageAnalysisResult")


@_attrs_define
class ImageAnalysisResult:
    """The analysis; a `{feature}Result` is present for each requested feature.

    Attributes:
        model_version (str): The AI model that analyzed the image (e.g. `2023-10-01`).
        metadata (ImageMetadata): Size of the analyzed image, in pixels.
        read_result (ReadResult | Unset): The text read (OCR). One block today, holding every line.
        caption_result (CaptionResult | Unset): One sentence describing the whole image.
        dense_captions_result (DenseCaptionsResult | Unset): Up to 10 captions; the first one describes the whole image.
        tags_result (TagsResult | Unset): Content tags of the image.
        objects_result (ObjectsResult | Unset): Physical objects found in the image.
        smart_crops_result (SmartCropsResult | Unset): Thumbnail regions, one per requested aspect ratio.
        people_result (PeopleResult | Unset): People found in the image.
    """

    model_version: str
    metadata: ImageMetadata
    read_result: ReadResult | Unset = UNSET
    caption_result: CaptionResult | Unset = UNSET
    dense_captions_result: DenseCaptionsResult | Unset = UNSET
    tags_result: TagsResult | Unset = UNSET
    objects_result: ObjectsResult | Unset = UNSET
    smart_crops_result: SmartCropsResult | Unset = UNSET
    people_result: PeopleResult | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_version = self.model_version

        metadata = self.metadata.to_dict()

        read_result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.read_result, Unset):
            read_result = self.read_result.to_dict()

        caption_result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.caption_result, Unset):
            caption_result = self.caption_result.to_dict()

        dense_captions_result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dense_captions_result, Unset):
            dense_captions_result = self.dense_captions_result.to_dict()

        tags_result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags_result, Unset):
            tags_result = self.tags_result.to_dict()

        objects_result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.objects_result, Unset):
            objects_result = self.objects_result.to_dict()

        smart_crops_result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.smart_crops_result, Unset):
            smart_crops_result = self.smart_crops_result.to_dict()

        people_result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.people_result, Unset):
            people_result = self.people_result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "modelVersion": model_version,
                "metadata": metadata,
            }
        )
        if read_result is not UNSET:
            field_dict["readResult"] = read_result
        if caption_result is not UNSET:
            field_dict["captionResult"] = caption_result
        if dense_captions_result is not UNSET:
            field_dict["denseCaptionsResult"] = dense_captions_result
        if tags_result is not UNSET:
            field_dict["tagsResult"] = tags_result
        if objects_result is not UNSET:
            field_dict["objectsResult"] = objects_result
        if smart_crops_result is not UNSET:
            field_dict["smartCropsResult"] = smart_crops_result
        if people_result is not UNSET:
            field_dict["peopleResult"] = people_result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.caption_result import CaptionResult  # noqa: PLC0415
        from ..models.dense_captions_result import DenseCaptionsResult  # noqa: PLC0415
        from ..models.image_metadata import ImageMetadata  # noqa: PLC0415
        from ..models.objects_result import ObjectsResult  # noqa: PLC0415
        from ..models.people_result import PeopleResult  # noqa: PLC0415
        from ..models.read_result import ReadResult  # noqa: PLC0415
        from ..models.smart_crops_result import SmartCropsResult  # noqa: PLC0415
        from ..models.tags_result import TagsResult  # noqa: PLC0415

        d = dict(src_dict)
        model_version = d.pop("modelVersion")

        metadata = ImageMetadata.from_dict(d.pop("metadata"))

        _read_result = d.pop("readResult", UNSET)
        read_result: ReadResult | Unset
        if isinstance(_read_result, Unset):
            read_result = UNSET
        else:
            read_result = ReadResult.from_dict(_read_result)

        _caption_result = d.pop("captionResult", UNSET)
        caption_result: CaptionResult | Unset
        if isinstance(_caption_result, Unset):
            caption_result = UNSET
        else:
            caption_result = CaptionResult.from_dict(_caption_result)

        _dense_captions_result = d.pop("denseCaptionsResult", UNSET)
        dense_captions_result: DenseCaptionsResult | Unset
        if isinstance(_dense_captions_result, Unset):
            dense_captions_result = UNSET
        else:
            dense_captions_result = DenseCaptionsResult.from_dict(_dense_captions_result)

        _tags_result = d.pop("tagsResult", UNSET)
        tags_result: TagsResult | Unset
        if isinstance(_tags_result, Unset):
            tags_result = UNSET
        else:
            tags_result = TagsResult.from_dict(_tags_result)

        _objects_result = d.pop("objectsResult", UNSET)
        objects_result: ObjectsResult | Unset
        if isinstance(_objects_result, Unset):
            objects_result = UNSET
        else:
            objects_result = ObjectsResult.from_dict(_objects_result)

        _smart_crops_result = d.pop("smartCropsResult", UNSET)
        smart_crops_result: SmartCropsResult | Unset
        if isinstance(_smart_crops_result, Unset):
            smart_crops_result = UNSET
        else:
            smart_crops_result = SmartCropsResult.from_dict(_smart_crops_result)

        _people_result = d.pop("peopleResult", UNSET)
        people_result: PeopleResult | Unset
        if isinstance(_people_result, Unset):
            people_result = UNSET
        else:
            people_result = PeopleResult.from_dict(_people_result)

        image_analysis_result = cls(
            model_version=model_version,
            metadata=metadata,
            read_result=read_result,
            caption_result=caption_result,
            dense_captions_result=dense_captions_result,
            tags_result=tags_result,
            objects_result=objects_result,
            smart_crops_result=smart_crops_result,
            people_result=people_result,
        )

        image_analysis_result.additional_properties = d
        return image_analysis_result

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
