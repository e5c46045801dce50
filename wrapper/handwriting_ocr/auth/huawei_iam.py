"""Huawei Cloud OCR with an IAM token fetched from a password and cached until shortly before expiry."""

from __future__ import annotations

from collections.abc import Generator
from datetime import timedelta

import httpx

from handwriting_ocr._secrets import Secret
from handwriting_ocr.auth import _iam
from handwriting_ocr.auth._cache import ExpiringSecretCache
from handwriting_ocr.auth._clock import Clock, as_seconds, system_clock
from handwriting_ocr.auth._single_flight import CoreFlow, FetchGate, SingleFlightAuth, send
from handwriting_ocr.errors import InvalidInputError

TOKEN_HEADER = "X-Auth-Token"
DEFAULT_REGION = "cn-north-4"

#: A fetched token is handed out for at least this many seconds, whatever its times say. Without a
#: floor, an IAM whose tokens look expired on arrival (its clock, or ours, is wrong; or it answers
#: with a stale token) or whose lifetime is shorter than the renewal margin would cost one IAM call
#: per OCR call, and one per waiting request in a burst. With it, such an IAM is asked at most once
#: a minute, and the OCR service decides whether the token works: a 401 still gets one fresh token
#: in that call. The value is a guess: long enough to spare IAM, short enough that a token that
#: really has expired is not sent for long.
FETCH_FLOOR = 60.0


class HuaweiPasswordAuth(SingleFlightAuth):
    """Fetches an IAM token with a password, caches it, and sends it in ``X-Auth-Token``.

    How long a token is used comes from IAM's answer (:func:`_iam.token_lifetime`: ``expires_at``
    against the answer's ``Date``, bounded by ``expires_at - issued_at`` and by 24 h). It is renewed
    ``renew_margin`` before it expires, but used for at least :data:`FETCH_FLOOR` seconds after it
    was fetched, so a misconfigured IAM cannot make every request fetch a token.

    A call fetches at most one token. When the OCR service answers 401 to a token taken from the
    cache (it was revoked, or the clocks disagree), a new token is fetched and the request retried
    once; a 401 to a token this very call has just fetched is returned as is, since another fetch
    would only repeat it. Concurrent requests share one fetch. IAM failures raise typed errors with
    ``provider="huawei-iam"``.
    """

    # The request may be sent twice (after a 401), and the IAM answer's body must be read.
    requires_request_body = True
    requires_response_body = True

    def __init__(
        self,
        *,
        domain: str,
        user: str,
        password: str | Secret,
        region: str = DEFAULT_REGION,
        project_name: str | None = None,
        iam_endpoint: str | None = None,
        renew_margin: timedelta | float = timedelta(minutes=5),
        clock: Clock = system_clock,
    ) -> None:
        super().__init__()
        secret = password if isinstance(password, Secret) else Secret(password)
        for field, value in (
            ("domain", domain),
            ("user", user),
            ("password", secret.reveal()),
            ("region", region),
        ):
            if not value.strip():
                raise InvalidInputError(
                    f"the Huawei IAM {field} is empty", provider="huawei-iam", field=field
                )
        margin = as_seconds(renew_margin)
        if margin < 0:
            raise InvalidInputError(
                "renew_margin must not be negative", provider="huawei-iam", field="renew_margin"
            )
        self._domain = domain
        self._user = user
        self._password = secret
        self._region = region
        self._project_name = project_name or region
        self._iam_endpoint = iam_endpoint or _iam.default_iam_endpoint(region)
        self._clock = clock
        self._cache = ExpiringSecretCache(renew_margin=margin)
        self._project_id: str | None = None

    @property
    def region(self) -> str:
        return self._region

    @property
    def project_id(self) -> str | None:
        """The project id IAM reported with the last token (None before the first fetch)."""
        return self._project_id

    def core_flow(self, request: httpx.Request) -> CoreFlow:
        token = self._cache.get(self._clock())
        fetched = False
        if token is None:
            token, fetched = yield from self._shared_fetch()
        request.headers[TOKEN_HEADER] = token.reveal()
        response = yield from send(request)
        if response.status_code != 401 or fetched:
            return
        self._cache.invalidate(token)
        token, _ = yield from self._shared_fetch()
        request.headers[TOKEN_HEADER] = token.reveal()
        yield from send(request)

    def _shared_fetch(
        self,
    ) -> Generator[httpx.Request | FetchGate, httpx.Response | None, tuple[Secret, bool]]:
        """The token to use, and whether this call fetched it (False: another request just did)."""
        yield FetchGate.ENTER
        # Whoever held the gate before us may have stored a fresh token meanwhile.
        token = self._cache.get(self._clock())
        fetched = token is None
        if token is None:
            requested_at = self._clock()
            request = _iam.token_request(
                endpoint=self._iam_endpoint,
                domain=self._domain,
                user=self._user,
                password=self._password,
                project_name=self._project_name,
            )
            response = yield from send(request)
            issued = _iam.parse_token_response(response, requested_at=requested_at, password=self._password)
            self._cache.put(issued.value, issued.expires_at, keep_until=self._clock() + FETCH_FLOOR)
            self._project_id = issued.project_id
            token = issued.value
        yield FetchGate.EXIT
        return token, fetched

    def __repr__(self) -> str:
        return (
            f"HuaweiPasswordAuth(domain={self._domain!r}, user={self._user!r}, password={self._password!r}, "
            f"region={self._region!r}, iam_endpoint={self._iam_endpoint!r}, token_cache={self._cache!r})"
        )
