from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_operation_status import KnownOperationStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.analyze_result import AnalyzeResult


T = TypeVar("T", bound="ReadOperationResult")


@_attrs_define
class ReadOperationResult:
    """Result of GET /read/analyzeResults/{operationId}.

    Attributes:
        status (KnownOperationStatus | str | Unset): Extensible operation status; unknown values stay plain strings.
        created_date_time (str | Unset): When the operation was submitted (UTC, ISO 8601, e.g. `2024-03-18T09:41:07Z`).
            A
            string, not parsed, so it is written back exactly as received.
        last_updated_date_time (str | Unset): When the operation last changed (UTC, ISO 8601), as received.
        analyze_result (AnalyzeResult | Unset): The text read, once the operation has succeeded (official name
            `analyzeResults`).
    """

    status: KnownOperationStatus | str | Unset = UNSET
    created_date_time: str | Unset = UNSET
    last_updated_date_time: str | Unset = UNSET
    analyze_result: AnalyzeResult | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, KnownOperationStatus):
            status = self.status.value
        else:
            status = self.status

        created_date_time = self.created_date_time

        last_updated_date_time = self.last_updated_date_time

        analyze_result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.analyze_result, Unset):
            analyze_result = self.analyze_result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if created_date_time is not UNSET:
            field_dict["createdDateTime"] = created_date_time
        if last_updated_date_time is not UNSET:
            field_dict["lastUpdatedDateTime"] = last_updated_date_time
        if analyze_result is not UNSET:
            field_dict["analyzeResult"] = analyze_result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.analyze_result import AnalyzeResult  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_status(data: object) -> KnownOperationStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_operation_status_type_0 = KnownOperationStatus(data)

                return componentsschemas_operation_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownOperationStatus | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        created_date_time = d.pop("createdDateTime", UNSET)

        last_updated_date_time = d.pop("lastUpdatedDateTime", UNSET)

        _analyze_result = d.pop("analyzeResult", UNSET)
        analyze_result: AnalyzeResult | Unset
        if isinstance(_analyze_result, Unset):
            analyze_result = UNSET
        else:
            analyze_result = AnalyzeResult.from_dict(_analyze_result)

        read_operation_result = cls(
            status=status,
            created_date_time=created_date_time,
            last_updated_date_time=last_updated_date_time,
            analyze_result=analyze_result,
        )

        read_operation_result.additional_properties = d
        return read_operation_result

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
