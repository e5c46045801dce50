from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_char_set import KnownCharSet
from ..types import UNSET, Unset

T = TypeVar("T", bound="HandwritingRequestBody")


@_attrs_define
class HandwritingRequestBody:
    """Give exactly one of `image` or `url` (if both are given the service uses one; do not rely on which).

    Attributes:
        image (str | Unset): Base64 of the image file (at most 10 MB after encoding; 7 MB before is advised).
        url (str | Unset): Image URL: a public http/https URL or an authorized OBS URL. Non-ASCII characters must be
            UTF-8 percent-encoded.
        quick_mode (bool | Unset): Quick mode for single-line images (one line covering over 50% of the text area);
            service default false.
        char_set (KnownCharSet | str | Unset): Extensible character-set restriction (default `general`).
        detect_direction (bool | Unset): Correct the tilt of the image (any angle); service default false.
    """

    image: str | Unset = UNSET
    url: str | Unset = UNSET
    quick_mode: bool | Unset = UNSET
    char_set: KnownCharSet | str | Unset = UNSET
    detect_direction: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image

        url = self.url

        quick_mode = self.quick_mode

        char_set: str | Unset
        if isinstance(self.char_set, Unset):
            char_set = UNSET
        elif isinstance(self.char_set, KnownCharSet):
            char_set = self.char_set.value
        else:
            char_set = self.char_set

        detect_direction = self.detect_direction

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if image is not UNSET:
            field_dict["image"] = image
        if url is not UNSET:
            field_dict["url"] = url
        if quick_mode is not UNSET:
            field_dict["quick_mode"] = quick_mode
        if char_set is not UNSET:
            field_dict["char_set"] = char_set
        if detect_direction is not UNSET:
            field_dict["detect_direction"] = detect_direction

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        image = d.pop("image", UNSET)

        url = d.pop("url", UNSET)

        quick_mode = d.pop("quick_mode", UNSET)

        def _parse_char_set(data: object) -> KnownCharSet | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_char_set_type_0 = KnownCharSet(data)

                return componentsschemas_char_set_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownCharSet | str | Unset, data)

        char_set = _parse_char_set(d.pop("char_set", UNSET))

        detect_direction = d.pop("detect_direction", UNSET)

        handwriting_request_body = cls(
            image=image,
            url=url,
            quick_mode=quick_mode,
            char_set=char_set,
            detect_direction=detect_direction,
        )

        handwriting_request_body.additional_properties = d
        return handwriting_request_body

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
