from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.auth_scope_domain import AuthScopeDomain
    from ..models.auth_scope_project import AuthScopeProject


T = TypeVar("T", bound="AuthScope")


@_attrs_define
class AuthScope:
    """Give either `project` (OCR needs a project-scoped token) or `domain`.

    Attributes:
        project (AuthScopeProject | Unset): The project, by `id` or by `name` (the region id, e.g. `cn-north-4`).
        domain (AuthScopeDomain | Unset):
    """

    project: AuthScopeProject | Unset = UNSET
    domain: AuthScopeDomain | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project: dict[str, Any] | Unset = UNSET
        if not isinstance(self.project, Unset):
            project = self.project.to_dict()

        domain: dict[str, Any] | Unset = UNSET
        if not isinstance(self.domain, Unset):
            domain = self.domain.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if project is not UNSET:
            field_dict["project"] = project
        if domain is not UNSET:
            field_dict["domain"] = domain

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.auth_scope_domain import AuthScopeDomain  # noqa: PLC0415
        from ..models.auth_scope_project import AuthScopeProject  # noqa: PLC0415

        d = dict(src_dict)
        _project = d.pop("project", UNSET)
        project: AuthScopeProject | Unset
        if isinstance(_project, Unset):
            project = UNSET
        else:
            project = AuthScopeProject.from_dict(_project)

        _domain = d.pop("domain", UNSET)
        domain: AuthScopeDomain | Unset
        if isinstance(_domain, Unset):
            domain = UNSET
        else:
            domain = AuthScopeDomain.from_dict(_domain)

        auth_scope = cls(
            project=project,
            domain=domain,
        )

        auth_scope.additional_properties = d
        return auth_scope

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
