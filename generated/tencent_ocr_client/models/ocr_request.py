from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OcrRequest")


@_attrs_define
class OcrRequest:
    """JSON request. Give `url` or `image`; `url` wins when both are given.

    Attributes:
        appid (str): The project's AppID (console account information).
        bucket (str | Unset): Legacy optional field; if sent it must equal the signature's `b=`.
        url (str | Unset): Image URL.
        image (str | Unset): Base64 of the image file.
    """

    appid: str
    bucket: str | Unset = UNSET
    url: str | Unset = UNSET
    image: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        appid = self.appid

        bucket = self.bucket

        url = self.url

        image = self.image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "appid": appid,
            }
        )
        if bucket is not UNSET:
            field_dict["bucket"] = bucket
        if url is not UNSET:
            field_dict["url"] = url
        if image is not UNSET:
            field_dict["image"] = image

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        appid = d.pop("appid")

        bucket = d.pop("bucket", UNSET)

        url = d.pop("url", UNSET)

        image = d.pop("image", UNSET)

        ocr_request = cls(
            appid=appid,
            bucket=bucket,
            url=url,
            image=image,
        )

        ocr_request.additional_properties = d
        return ocr_request

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
