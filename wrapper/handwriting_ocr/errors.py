"""One error hierarchy for every provider.

Every failure a caller can see is an :class:`OcrError`. Errors that come from a provider's answer are
:class:`ApiError` and carry the provider, the HTTP status, the provider's own code, its message and
the request id. Messages never contain credentials: the code that raises them builds messages from
provider answers and from our own text only, and the :class:`OcrError` constructor (and
:class:`ApiError`'s, for the code and request id) passes every text through
:func:`handwriting_ocr._secrets.mask_known_secrets`, which masks every credential the process holds,
was issued or has sent (keys, tokens, passwords, signatures), also the start of one that a shortened
excerpt cut off, whatever a server echoed back.
"""

from __future__ import annotations

from typing import Literal, Self

Provider = Literal["azure", "huawei", "huawei-iam", "tencent"]

__all__ = [
    "ApiError",
    "AuthenticationError",
    "BadRequestError",
    "ConnectionFailedError",
    "InvalidInputError",
    "MalformedResponseError",
    "NotFoundError",
    "OcrError",
    "OcrTimeoutError",
    "OperationFailedError",
    "PermissionDeniedError",
    "Provider",
    "QuotaExceededError",
    "RateLimitError",
    "ServiceError",
]


class OcrError(Exception):
    """Base class of every error this SDK raises.

    Every error raised after a provider accepted a long-running operation (a failed poll, a
    timeout, a throttled wait the client gave up on) carries ``operation_id`` and
    ``continuation_token``, so the caller can still reach the operation (``resume_*``) instead of
    starting a second one; both are None otherwise.
    """

    #: The id of the accepted operation this error belongs to, if any.
    operation_id: str | None = None
    #: Resumes waiting for that operation (``resume_read`` and the like), if any.
    continuation_token: str | None = None

    def __init__(self, message: str, *, provider: Provider | None = None) -> None:
        from handwriting_ocr._secrets import mask_known_secrets

        # One place for every error's text: credentials a client holds (or was issued) are masked,
        # even when a server echoes them back into the message.
        message = mask_known_secrets(message)
        super().__init__(message)
        self.message = message
        self.provider: Provider | None = provider

    def __str__(self) -> str:
        return self.message

    def for_operation(self, operation_id: str | None, continuation_token: str | None) -> Self:
        """Attach the accepted operation's id and token (where not already set); returns ``self``."""
        if self.operation_id is None:
            self.operation_id = operation_id
        if self.continuation_token is None:
            self.continuation_token = continuation_token
        return self


class InvalidInputError(OcrError):
    """The input was rejected before any request was sent (size, format, dimensions, URL...)."""

    def __init__(self, message: str, *, provider: Provider | None = None, field: str | None = None) -> None:
        super().__init__(message, provider=provider)
        self.field = field


class ConnectionFailedError(OcrError):
    """The service could not be reached (DNS, connect, read or write failure) after any retries."""


class OcrTimeoutError(OcrError):
    """An overall deadline passed: a request, a retry budget, or waiting for an operation.

    For a long-running operation, ``continuation_token`` lets the caller resume waiting later.
    """

    def __init__(
        self,
        message: str,
        *,
        provider: Provider | None = None,
        continuation_token: str | None = None,
    ) -> None:
        super().__init__(message, provider=provider)
        self.continuation_token = continuation_token


class ApiError(OcrError):
    """The provider answered, and the answer is an error."""

    def __init__(
        self,
        message: str,
        *,
        provider: Provider | None,
        status_code: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
    ) -> None:
        from handwriting_ocr._secrets import mask_known_secrets

        super().__init__(message, provider=provider)
        self.status_code = status_code
        self.code = None if code is None else mask_known_secrets(code)
        self.request_id = None if request_id is None else mask_known_secrets(request_id)

    def __str__(self) -> str:
        parts = [f"{self.provider}"]
        if self.status_code is not None:
            parts.append(f"HTTP {self.status_code}")
        if self.code is not None:
            parts.append(f"code {self.code}")
        head = ", ".join(parts)
        tail = f" (request id {self.request_id})" if self.request_id else ""
        return f"[{head}] {self.message}{tail}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(provider={self.provider!r}, status_code={self.status_code!r}, "
            f"code={self.code!r}, message={self.message!r}, request_id={self.request_id!r})"
        )


class AuthenticationError(ApiError):
    """Credentials are missing, wrong, or expired (401, Huawei APIG.0301, Tencent 4/5/9/11/12/14...)."""


class PermissionDeniedError(ApiError):
    """The credentials are valid but may not do this (403, not subscribed, Tencent 6/24...)."""


class RateLimitError(ApiError):
    """Throttled (429, Huawei APIG.0308/ModelArts.4401, Tencent 15). ``retry_after`` is in seconds."""

    def __init__(
        self,
        message: str,
        *,
        provider: Provider | None,
        status_code: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(
            message, provider=provider, status_code=status_code, code=code, request_id=request_id
        )
        #: Seconds the provider asked to wait (as it said, even when longer than the client waits).
        self.retry_after = retry_after


class QuotaExceededError(ApiError):
    """The account's paid resources or quota are used up (Tencent 25, suspended accounts)."""


class BadRequestError(ApiError):
    """The provider rejected the request's content (bad image, bad parameter...)."""


class NotFoundError(ApiError):
    """The resource does not exist: an unknown or expired operation id, a wrong path."""


class ServiceError(ApiError):
    """The provider failed on its side (5xx, internal errors)."""


class OperationFailedError(ApiError):
    """A long-running operation finished with status ``Failed``; ``operation_id`` names it."""

    def __init__(
        self,
        message: str,
        *,
        provider: Provider | None,
        status_code: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        operation_id: str | None = None,
    ) -> None:
        super().__init__(
            message, provider=provider, status_code=status_code, code=code, request_id=request_id
        )
        self.operation_id = operation_id


class MalformedResponseError(ApiError):
    """The answer could not be understood: HTML or empty body, truncated JSON, missing fields..."""
