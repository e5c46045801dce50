from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.domain_model_result import DomainModelResult
  from ..models.image_metadata import ImageMetadata





T = TypeVar("T", bound="DomainModelResults")



@_attrs_define
class DomainModelResults:
    """ Result of AnalyzeImageByDomain.

        Attributes:
            result (DomainModelResult | Unset): Model-specific result (free-form in the official spec): `celebrities` for
                the celebrities
                model, `landmarks` for the landmarks model. (Schema name is not official; x-guess.)
            request_id (str | Unset):
            metadata (ImageMetadata | Unset):
     """

    result: DomainModelResult | Unset = UNSET
    request_id: str | Unset = UNSET
    metadata: ImageMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.domain_model_result import DomainModelResult # noqa: PLC0415
        from ..models.image_metadata import ImageMetadata # noqa: PLC0415
        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        request_id = self.request_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if result is not UNSET:
            field_dict["result"] = result
        if request_id is not UNSET:
            field_dict["requestId"] = request_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.domain_model_result import DomainModelResult # noqa: PLC0415
        from ..models.image_metadata import ImageMetadata # noqa: PLC0415
        d = dict(src_dict)
        _result = d.pop("result", UNSET)
        result: DomainModelResult | Unset
        if isinstance(_result,  Unset):
            result = UNSET
        else:
            result = DomainModelResult.from_dict(_result)




        request_id = d.pop("requestId", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: ImageMetadata | Unset
        if isinstance(_metadata,  Unset):
            metadata = UNSET
        else:
            metadata = ImageMetadata.from_dict(_metadata)




        domain_model_results = cls(
            result=result,
            request_id=request_id,
            metadata=metadata,
        )


        domain_model_results.additional_properties = d
        return domain_model_results

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
