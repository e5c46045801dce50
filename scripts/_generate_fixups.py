"""Deterministic repairs of known openapi-python-client 0.29.1 defects, applied by scripts/generate.

Each repair is a pure text transformation of one generated module, applied to the generator's raw
output (before ruff formats it, so the patterns below match the template's fixed spelling). A repair
that finds nothing to do changes nothing, so a generator release that fixes a defect simply makes the
repair a no-op. Standard library only: scripts/generate must run without the project installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path


class RepairError(Exception):
    """The generator's output no longer has the shape a repair relies on: the repair needs updating."""


# --- Required request bodies with several content types (upstream issue #1451, PR #1478) ---------------
#
# For an operation whose requestBody has more than one media type (here: JSON `{url}` and
# application/octet-stream, or JSON and multipart/form-data), the `arguments` macro of
# endpoint_macros.py.jinja reads a Jinja variable (`body_required`) before assigning it, so it always
# appends `| Unset = UNSET` to the `body` parameter, even when the spec says `required: true`. When no
# other parameter is optional, `Unset` is not imported either and the module fails to import (NameError).
#
# The repair makes the generated signature say what the spec says, as the upstream fix does: it removes
# `| Unset = UNSET` from the `body` parameter of required bodies. Whether the body is required is read
# from the generated request code itself: for an optional body, every content-type branch of
# `_get_kwargs` guards its use with `if not isinstance(body, Unset):` (the body_to_kwarg macros emit the
# guard exactly when the body's property is not required); a required body has no such guard. (Adding
# the missing import instead would make the module import, but would keep a signature that lets callers
# omit a body the service requires, sending a request without body or Content-Type.)

_OPTIONAL_BODY_PARAM = re.compile(r"^(?P<param>\s*body:[^\n=]*?)\s*\|\s*Unset = UNSET,$", re.MULTILINE)
_OPTIONAL_BODY_GUARD = re.compile(r"^\s*if not isinstance\(body, Unset\):$", re.MULTILINE)


def require_multi_content_body(source: str) -> str:
    """Drop the spurious `| Unset = UNSET` from a required multi-content-type `body` parameter."""
    if _OPTIONAL_BODY_GUARD.search(source) or not _OPTIONAL_BODY_PARAM.search(source):
        return source
    return _OPTIONAL_BODY_PARAM.sub(r"\g<param>,", source)


# --- application/octet-stream bodies in async calls -----------------------------------------------------
#
# The template passes a raw-bytes body as `_kwargs["content"] = body.payload`, where File.payload is a
# (synchronous) binary file object. httpx streams a file object as a *sync* byte stream: AsyncClient
# refuses it ("Attempted to send an sync request with an AsyncClient instance"), so every asyncio*
# function of an octet-stream operation fails; the sync client sends it with Transfer-Encoding: chunked
# and no Content-Length. (Upstream issue #1239 notes the async side.) The repair passes the payload's
# bytes instead: both clients then send a sized body. Images here are at most tens of MB, so reading the
# payload into memory costs nothing that matters. (The multipart path is unaffected: httpx's multipart
# stream reads file parts in both sync and async mode.)

_STREAMED_CONTENT = re.compile(r'^(?P<indent>\s*)_kwargs\["content"\] = body\.payload$', re.MULTILINE)


def send_payload_bytes(source: str) -> str:
    """Send an octet-stream File body as bytes (read from the payload's current position)."""
    return _STREAMED_CONTENT.sub(r'\g<indent>_kwargs["content"] = body.payload.read()', source)


# --- Comma-separated array query parameters (`style: form, explode: false`) ------------------------------
#
# The generator ignores `explode: false` on array query parameters: it hands the list to httpx, which
# repeats the parameter (`features=read&features=caption`). Azure's csv parameters (Image Analysis
# `features` and `smartcrops-aspect-ratios`, Read v3.2 `pages`) take one comma-separated value
# (`features=read,caption`, as the official SDKs send). The repair joins the list with commas where the
# module stores it in `params`. (httpx then percent-encodes each comma as %2C, which query decoding
# turns back into a comma.)
#
# The generated code no longer says which parameters the spec declared `explode: false`, so they are
# listed here by wire name; a conformance test (tests/conformance/test_csv_query.py) checks that this
# list and the specs' `explode: false` array parameters are the same set.

COMMA_SEPARATED_QUERY_PARAMETERS = frozenset({"features", "smartcrops-aspect-ratios", "pages"})
_QUERY_ASSIGNMENT = re.compile(
    r'^(?P<indent>[ \t]*)params\["(?P<name>[^"]+)"\] = (?P<var>json_\w+)$', re.MULTILINE
)


def join_comma_separated_query(source: str) -> str:
    """Send a listed array query parameter as one comma-separated value instead of repeating it."""

    def repair(match: re.Match[str]) -> str:
        if match.group("name") not in COMMA_SEPARATED_QUERY_PARAMETERS:
            return match.group(0)
        indent, name, var = match.group("indent"), match.group("name"), match.group("var")
        optional = re.search(rf"^\s*{var}: list\[[^\n]*\] \| Unset = UNSET$", source, re.MULTILINE)
        required = re.search(rf"^\s*{var} = \[\]$", source, re.MULTILINE)
        if optional is None and required is None:
            raise RepairError(f"query parameter {name!r} is not built as a list any more; update the repair")
        joined = f'",".join(str(item) for item in {var})'
        value = f"{var} if isinstance({var}, Unset) else {joined}" if optional else joined
        return f'{indent}params["{name}"] = {value}'

    return _QUERY_ASSIGNMENT.sub(repair, source)


# --- Secrets in reprs --------------------------------------------------------------------------------
#
# The generated classes are attrs classes whose default __repr__ prints every field, so a logged
# AuthenticatedClient shows its token and a logged IAM request model shows the user's password. The
# project's rule is that secrets never appear in a repr. The generator ignores `format: password`, so the
# repair marks these fields `repr=False` (attrs then leaves them out of the repr; nothing else changes).

# Model attributes that hold secrets, by their Python name. Only Huawei IAM's PwdPasswordUser.password.
SECRET_MODEL_FIELDS = frozenset({"password"})
_MODEL_SECRET_FIELD = re.compile(
    r"^(?P<indent>    )(?P<name>" + "|".join(sorted(SECRET_MODEL_FIELDS)) + r"): (?P<type>str)$", re.MULTILINE
)
_CLIENT_TOKEN_FIELD = re.compile(r"^(?P<indent>    )token: str$", re.MULTILINE)


def hide_model_secrets(source: str) -> str:
    """Exclude secret model attributes (declared without default) from the attrs repr."""
    if not _MODEL_SECRET_FIELD.search(source):
        return source
    if "from attrs import field as _attrs_field" not in source:
        raise RepairError("generated model no longer imports attrs.field as _attrs_field; update the repair")
    return _MODEL_SECRET_FIELD.sub(r"\g<indent>\g<name>: \g<type> = _attrs_field(repr=False)", source)


def hide_client_token(source: str) -> str:
    """Exclude AuthenticatedClient.token from the attrs repr."""
    if not _CLIENT_TOKEN_FIELD.search(source):
        raise RepairError("client.py no longer declares `token: str`; update the repair")
    return _CLIENT_TOKEN_FIELD.sub(r"\g<indent>token: str = field(repr=False)", source)


# Repairs by module group, in the order they are applied.
ENDPOINT_REPAIRS: tuple[Callable[[str], str], ...] = (
    require_multi_content_body,
    send_payload_bytes,
    join_comma_separated_query,
)
MODEL_REPAIRS: tuple[Callable[[str], str], ...] = (hide_model_secrets,)
CLIENT_REPAIRS: tuple[Callable[[str], str], ...] = (hide_client_token,)


def _repair(module: Path, repairs: tuple[Callable[[str], str], ...]) -> bool:
    original = module.read_text(encoding="utf-8")
    repaired = original
    for repair in repairs:
        repaired = repair(repaired)
    if repaired == original:
        return False
    module.write_text(repaired, encoding="utf-8")
    return True


def apply_fixups(package_dir: Path) -> list[str]:
    """Apply every repair to the package generated in `package_dir`; return the changed files' paths."""
    groups: list[tuple[list[Path], tuple[Callable[[str], str], ...]]] = [
        (sorted((package_dir / "api").rglob("*.py")), ENDPOINT_REPAIRS),
        (sorted((package_dir / "models").glob("*.py")), MODEL_REPAIRS),
        ([package_dir / "client.py"], CLIENT_REPAIRS),
    ]
    changed: list[str] = []
    for modules, repairs in groups:
        for module in modules:
            if _repair(module, repairs):
                changed.append(module.relative_to(package_dir).as_posix())
    return changed
