""" Contains all the data models used in inputs/outputs """

from .auth_scope import AuthScope
from .auth_scope_domain import AuthScopeDomain
from .auth_scope_project import AuthScopeProject
from .iam_error import IamError
from .iam_error_response import IamErrorResponse
from .keystone_create_user_token_by_password_request_body import KeystoneCreateUserTokenByPasswordRequestBody
from .keystone_create_user_token_by_password_response import KeystoneCreateUserTokenByPasswordResponse
from .pwd_auth import PwdAuth
from .pwd_identity import PwdIdentity
from .pwd_password import PwdPassword
from .pwd_password_user import PwdPasswordUser
from .pwd_password_user_domain import PwdPasswordUserDomain
from .token_catalog import TokenCatalog
from .token_catalog_endpoint import TokenCatalogEndpoint
from .token_domain_result import TokenDomainResult
from .token_project_result import TokenProjectResult
from .token_result import TokenResult
from .token_role import TokenRole
from .token_user_result import TokenUserResult

__all__ = (
    "AuthScope",
    "AuthScopeDomain",
    "AuthScopeProject",
    "IamError",
    "IamErrorResponse",
    "KeystoneCreateUserTokenByPasswordRequestBody",
    "KeystoneCreateUserTokenByPasswordResponse",
    "PwdAuth",
    "PwdIdentity",
    "PwdPassword",
    "PwdPasswordUser",
    "PwdPasswordUserDomain",
    "TokenCatalog",
    "TokenCatalogEndpoint",
    "TokenDomainResult",
    "TokenProjectResult",
    "TokenResult",
    "TokenRole",
    "TokenUserResult",
)
