"""``handwriting-ocr emulator --host 127.0.0.1 --port N``: the local emulator in the foreground.

Options beyond the address:

- ``--quota RATE`` (repeatable): ``10/s``, ``20/min``, ``1000/h``, optionally ``:burst=N``, for every
  provider; ``PROVIDER=RATE`` (``azure``, ``huawei``, ``tencent``, ``tencent_v3``) for one of them,
  ``PROVIDER=off`` for none on that one.
  ``--quota-burst N`` gives the burst of the quotas that do not say it (default: one second's worth
  of the rate, at least 1).
- ``--operation-duration SECONDS|LOW-HIGH`` and ``--seed N``: how long Azure operations take (a LOW-HIGH
  range draws each from a uniform distribution; the same seed gives the same sequence).
  ``--processing-time`` is the older fixed-time form of it.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import TYPE_CHECKING

import click

from handwriting_ocr.cli.errors import EXIT_OK, CommandError
from handwriting_ocr.cli.providers import ENDPOINT_ENV

if TYPE_CHECKING:
    from handwriting_ocr.emulator import Duration, Emulator, EmulatorConfig, Quota, QuotaGroup

__all__ = ["emulator", "emulator_environment"]


def emulator_environment(emu: Emulator) -> dict[str, str]:
    """The environment variables that point every provider client at ``emu``, with the test
    credentials it accepts (public emulator values, never real ones). Huawei uses AK/SK signing."""
    return {ENDPOINT_ENV: emu.base_url, **emu.environment()}


def huawei_password_environment(emu: Emulator) -> dict[str, str]:
    """The Huawei variables for the IAM password method instead of AK/SK, for the emulator's user."""
    user = emu.config.huawei.users[0]
    return {
        "HUAWEICLOUD_IAM_DOMAIN": user.domain,
        "HUAWEICLOUD_IAM_USER": user.name,
        "HUAWEICLOUD_IAM_PASSWORD": user.password,
    }


def _banner(emu: Emulator) -> str:
    index = emu.app.index(emu.base_url)
    quotas = index["quotas"]
    assert isinstance(quotas, dict)
    limits = ", ".join(f"{group} {quota}" for group, quota in quotas.items() if quota) or "none"
    lines = [
        f"handwriting-ocr emulator listening on {emu.base_url} (Ctrl-C to stop)",
        f"# Quotas per credential: {limits}; Azure operations take {index['operation_duration']}.",
        "# It accepts these test credentials; in another shell:",
        *(f"export {name}={value}" for name, value in emulator_environment(emu).items()),
        "# Huawei IAM password tokens instead of AK/SK: unset the two _SDK_ variables and set",
        *(f"#   export {name}={value}" for name, value in huawei_password_environment(emu).items()),
        "# Tencent API 3.0 temporary credentials instead (with a session token):",
        *(f"#   export {name}={value}" for name, value in emu.temporary_tencent_environment().items()),
        f"# Tencent API 3.0: POST {emu.tencent_v3_url} routed by X-TC-Action (TC3 host {emu.tencent_v3_host}).",
        f"# then e.g.: handwriting-ocr recognize {emu.sample_url('glory.png')} --provider azure",
    ]
    return "\n".join(lines)


def _quotas(texts: tuple[str, ...], burst: int | None) -> tuple[Quota | None, dict[QuotaGroup, Quota | None]]:
    import attrs

    from handwriting_ocr.emulator import Quota
    from handwriting_ocr.emulator.quota import QUOTA_GROUPS
    from handwriting_ocr.errors import InvalidInputError

    groups: dict[str, QuotaGroup] = {group: group for group in QUOTA_GROUPS}
    default: Quota | None = None
    per_provider: dict[QuotaGroup, Quota | None] = {}
    for text in texts:
        provider, sep, rate = text.partition("=")
        # "10/s:burst=5" has an "=" too: only a name before the first "=" makes it PROVIDER=RATE.
        target = groups.get(provider.strip()) if sep else None
        if target is None and sep and "burst" not in provider:
            raise click.BadParameter(
                f"unknown provider {provider.strip()!r}; expected one of {', '.join(QUOTA_GROUPS)}",
                param_hint="'--quota'",
            )
        if target is None:
            rate = text
        elif rate.strip().lower() in ("off", "none"):
            per_provider[target] = None  # e.g. --quota 10/s --quota huawei=off
            continue
        try:
            quota = Quota.parse(rate)
        except InvalidInputError as exc:
            raise click.BadParameter(str(exc), param_hint="'--quota'") from None
        if quota.burst is None and burst is not None:
            quota = attrs.evolve(quota, burst=burst)
        if target is None:
            default = quota
        else:
            per_provider[target] = quota
    return default, per_provider


def _duration(
    operation_duration: str | None, seed: int | None, processing_time: float | None
) -> Duration | None:
    from handwriting_ocr.emulator import Duration
    from handwriting_ocr.errors import InvalidInputError

    if operation_duration is not None and processing_time is not None:
        raise click.UsageError("give --operation-duration or --processing-time, not both")
    if seed is not None and (operation_duration is None or "-" not in operation_duration):
        raise click.UsageError("--seed needs --operation-duration LOW-HIGH")
    if operation_duration is None:
        return Duration.fixed(processing_time) if processing_time is not None else None
    try:
        return Duration.parse(operation_duration, seed=seed)
    except InvalidInputError as exc:
        raise click.BadParameter(str(exc), param_hint="'--operation-duration'") from None


def build_config(
    quota: tuple[str, ...] = (),
    quota_burst: int | None = None,
    operation_duration: str | None = None,
    seed: int | None = None,
    processing_time: float | None = None,
) -> EmulatorConfig:
    """The emulator configuration the command's options describe."""
    from handwriting_ocr.emulator import EmulatorConfig

    if quota_burst is not None and not quota:
        raise click.UsageError("--quota-burst needs --quota")
    default, per_provider = _quotas(quota, quota_burst)
    duration = _duration(operation_duration, seed, processing_time)
    return EmulatorConfig(
        operation_duration=duration,
        quota=default,
        provider_quotas=per_provider,
    )


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free port)."
)
@click.option(
    "--quota",
    "quota",
    multiple=True,
    metavar="[PROVIDER=]RATE",
    help="Requests allowed per credential, e.g. 10/s, 20/min, 10/s:burst=20; PROVIDER= (azure, huawei, "
    "tencent, tencent_v3) limits one provider, PROVIDER=off none. Repeatable. Beyond it each provider "
    "answers as it does when throttling.",
)
@click.option(
    "--quota-burst",
    type=click.IntRange(min=1),
    default=None,
    help="Burst of the --quota values that give none (default: one second's worth, at least 1).",
)
@click.option(
    "--operation-duration",
    metavar="SECONDS|LOW-HIGH",
    default=None,
    help="How long each Azure asynchronous operation takes; LOW-HIGH draws each uniformly.",
)
@click.option("--seed", type=int, default=None, help="Seed of the LOW-HIGH operation durations.")
@click.option(
    "--processing-time",
    type=click.FloatRange(min=0),
    default=None,
    help="Seconds an Azure asynchronous operation takes (a fixed --operation-duration).",
)
def emulator(
    host: str,
    port: int,
    quota: tuple[str, ...],
    quota_burst: int | None,
    operation_duration: str | None,
    seed: int | None,
    processing_time: float | None,
) -> int:
    """Run the local emulator of every provider API until Ctrl-C.

    Prints its base URL and the test credentials it accepts as `export` lines.
    """
    from handwriting_ocr.emulator import PortInUseError, serve
    from handwriting_ocr.errors import InvalidInputError

    config = build_config(quota, quota_burst, operation_duration, seed, processing_time)
    stop = threading.Event()

    def on_terminate(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # SIGTERM (a service manager, a test) stops as cleanly as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, on_terminate)
    try:
        serve(host, port, config, ready=lambda emu: click.echo(_banner(emu)), stop=stop)
    except PortInUseError as exc:
        raise CommandError(f"port {exc.port} is in use; try --port 0") from None
    except InvalidInputError as exc:  # e.g. an address this machine does not have, a privileged port
        raise CommandError(str(exc)) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo("emulator stopped", err=True)
    return EXIT_OK
