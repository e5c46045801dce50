from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_scene import KnownScene
from ..types import UNSET, Unset

T = TypeVar("T", bound="GeneralHandwritingOCRRequest")


@_attrs_define
class GeneralHandwritingOCRRequest:
    """Give `ImageUrl` or `ImageBase64`; the URL wins when both are given.

    Attributes:
        image_base_64 (str | Unset): Base64 of the image (PNG, JPG, JPEG; at most 10 MB after encoding).
        image_url (str | Unset): URL of the image; it must download within 3 seconds.
        scene (KnownScene | str | Unset): Extensible recognition scene; absent means handwriting and print.
        enable_word_polygon (bool | Unset): Return the four-point polygon of every character (service default false).
        enable_detect_text (bool | Unset): Detect text lines (service default true). False reads the whole image as one
            line,
            e.g. a handwritten signature.
    """

    image_base_64: str | Unset = UNSET
    image_url: str | Unset = UNSET
    scene: KnownScene | str | Unset = UNSET
    enable_word_polygon: bool | Unset = UNSET
    enable_detect_text: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image_base_64 = self.image_base_64

        image_url = self.image_url

        scene: str | Unset
        if isinstance(self.scene, Unset):
            scene = UNSET
        elif isinstance(self.scene, KnownScene):
            scene = self.scene.value
        else:
            scene = self.scene

        enable_word_polygon = self.enable_word_polygon

        enable_detect_text = self.enable_detect_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if image_base_64 is not UNSET:
            field_dict["ImageBase64"] = image_base_64
        if image_url is not UNSET:
            field_dict["ImageUrl"] = image_url
        if scene is not UNSET:
            field_dict["Scene"] = scene
        if enable_word_polygon is not UNSET:
            field_dict["EnableWordPolygon"] = enable_word_polygon
        if enable_detect_text is not UNSET:
            field_dict["EnableDetectText"] = enable_detect_text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        image_base_64 = d.pop("ImageBase64", UNSET)

        image_url = d.pop("ImageUrl", UNSET)

        def _parse_scene(data: object) -> KnownScene | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_scene_type_0 = KnownScene(data)

                return componentsschemas_scene_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownScene | str | Unset, data)

        scene = _parse_scene(d.pop("Scene", UNSET))

        enable_word_polygon = d.pop("EnableWordPolygon", UNSET)

        enable_detect_text = d.pop("EnableDetectText", UNSET)

        general_handwriting_ocr_request = cls(
            image_base_64=image_base_64,
            image_url=image_url,
            scene=scene,
            enable_word_polygon=enable_word_polygon,
            enable_detect_text=enable_detect_text,
        )

        general_handwriting_ocr_request.additional_properties = d
        return general_handwriting_ocr_request

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
