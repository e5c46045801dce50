from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.token_catalog import TokenCatalog
    from ..models.token_domain_result import TokenDomainResult
    from ..models.token_project_result import TokenProjectResult
    from ..models.token_role import TokenRole
    from ..models.token_user_result import TokenUserResult


T = TypeVar("T", bound="TokenResult")


@_attrs_define
class TokenResult:
    """Token metadata (the token itself is the `X-Subject-Token` header).

    Attributes:
        expires_at (str | Unset): Expiry, ISO 8601 UTC such as `2020-01-05T03:06:07.123000Z`. Kept as a string so that
            the value round-trips unchanged; parse it with datetime.fromisoformat.
        issued_at (str | Unset): Issue time, same format as `expires_at`.
        methods (list[str] | Unset):
        catalog (list[TokenCatalog] | Unset): Service catalog (omitted with `nocatalog=true`).
        domain (TokenDomainResult | Unset):
        project (TokenProjectResult | Unset):
        roles (list[TokenRole] | Unset):
        user (TokenUserResult | Unset):
    """

    expires_at: str | Unset = UNSET
    issued_at: str | Unset = UNSET
    methods: list[str] | Unset = UNSET
    catalog: list[TokenCatalog] | Unset = UNSET
    domain: TokenDomainResult | Unset = UNSET
    project: TokenProjectResult | Unset = UNSET
    roles: list[TokenRole] | Unset = UNSET
    user: TokenUserResult | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expires_at = self.expires_at

        issued_at = self.issued_at

        methods: list[str] | Unset = UNSET
        if not isinstance(self.methods, Unset):
            methods = self.methods

        catalog: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.catalog, Unset):
            catalog = []
            for catalog_item_data in self.catalog:
                catalog_item = catalog_item_data.to_dict()
                catalog.append(catalog_item)

        domain: dict[str, Any] | Unset = UNSET
        if not isinstance(self.domain, Unset):
            domain = self.domain.to_dict()

        project: dict[str, Any] | Unset = UNSET
        if not isinstance(self.project, Unset):
            project = self.project.to_dict()

        roles: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = []
            for roles_item_data in self.roles:
                roles_item = roles_item_data.to_dict()
                roles.append(roles_item)

        user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user, Unset):
            user = self.user.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if issued_at is not UNSET:
            field_dict["issued_at"] = issued_at
        if methods is not UNSET:
            field_dict["methods"] = methods
        if catalog is not UNSET:
            field_dict["catalog"] = catalog
        if domain is not UNSET:
            field_dict["domain"] = domain
        if project is not UNSET:
            field_dict["project"] = project
        if roles is not UNSET:
            field_dict["roles"] = roles
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.token_catalog import TokenCatalog  # noqa: PLC0415
        from ..models.token_domain_result import TokenDomainResult  # noqa: PLC0415
        from ..models.token_project_result import TokenProjectResult  # noqa: PLC0415
        from ..models.token_role import TokenRole  # noqa: PLC0415
        from ..models.token_user_result import TokenUserResult  # noqa: PLC0415

        d = dict(src_dict)
        expires_at = d.pop("expires_at", UNSET)

        issued_at = d.pop("issued_at", UNSET)

        methods = cast(list[str], d.pop("methods", UNSET))

        _catalog = d.pop("catalog", UNSET)
        catalog: list[TokenCatalog] | Unset = UNSET
        if _catalog is not UNSET:
            catalog = []
            for catalog_item_data in _catalog:
                catalog_item = TokenCatalog.from_dict(catalog_item_data)

                catalog.append(catalog_item)

        _domain = d.pop("domain", UNSET)
        domain: TokenDomainResult | Unset
        if isinstance(_domain, Unset):
            domain = UNSET
        else:
            domain = TokenDomainResult.from_dict(_domain)

        _project = d.pop("project", UNSET)
        project: TokenProjectResult | Unset
        if isinstance(_project, Unset):
            project = UNSET
        else:
            project = TokenProjectResult.from_dict(_project)

        _roles = d.pop("roles", UNSET)
        roles: list[TokenRole] | Unset = UNSET
        if _roles is not UNSET:
            roles = []
            for roles_item_data in _roles:
                roles_item = TokenRole.from_dict(roles_item_data)

                roles.append(roles_item)

        _user = d.pop("user", UNSET)
        user: TokenUserResult | Unset
        if isinstance(_user, Unset):
            user = UNSET
        else:
            user = TokenUserResult.from_dict(_user)

        token_result = cls(
            expires_at=expires_at,
            issued_at=issued_at,
            methods=methods,
            catalog=catalog,
            domain=domain,
            project=project,
            roles=roles,
            user=user,
        )

        token_result.additional_properties = d
        return token_result

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
