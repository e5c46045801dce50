from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO






T = TypeVar("T", bound="OcrMultipartRequest")



@_attrs_define
class OcrMultipartRequest:
    """ multipart/form-data request; `image` is the file part.

        Attributes:
            appid (str):
            image (File): The image file (JPEG, PNG, BMP, static GIF...).
            bucket (str | Unset):
     """

    appid: str
    image: File
    bucket: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        appid = self.appid

        image = self.image.to_tuple()


        bucket = self.bucket


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "appid": appid,
            "image": image,
        })
        if bucket is not UNSET:
            field_dict["bucket"] = bucket

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("appid", (None, str(self.appid).encode(), "text/plain")))



        files.append(("image", self.image.to_tuple()))



        if not isinstance(self.bucket, Unset):
            files.append(("bucket", (None, str(self.bucket).encode(), "text/plain")))




        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        appid = d.pop("appid")

        image = File(
             payload = BytesIO(d.pop("image"))
        )




        bucket = d.pop("bucket", UNSET)

        ocr_multipart_request = cls(
            appid=appid,
            image=image,
            bucket=bucket,
        )


        ocr_multipart_request.additional_properties = d
        return ocr_multipart_request

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
