from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.read_result import ReadResult


T = TypeVar("T", bound="AnalyzeResult")


@_attrs_define
class AnalyzeResult:
    """The text read, once the operation has succeeded (official name `analyzeResults`).

    Attributes:
        version (str): Version of the result schema (e.g. `3.2.0`).
        model_version (str): The OCR model that read the text (e.g. `2022-04-30`).
        read_results (list[ReadResult]): One result per page.
    """

    version: str
    model_version: str
    read_results: list[ReadResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        model_version = self.model_version

        read_results = []
        for read_results_item_data in self.read_results:
            read_results_item = read_results_item_data.to_dict()
            read_results.append(read_results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "modelVersion": model_version,
                "readResults": read_results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.read_result import ReadResult  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        model_version = d.pop("modelVersion")

        read_results = []
        _read_results = d.pop("readResults")
        for read_results_item_data in _read_results:
            read_results_item = ReadResult.from_dict(read_results_item_data)

            read_results.append(read_results_item)

        analyze_result = cls(
            version=version,
            model_version=model_version,
            read_results=read_results,
        )

        analyze_result.additional_properties = d
        return analyze_result

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
