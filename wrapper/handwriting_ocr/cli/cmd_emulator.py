"""``handwriting-ocr emulator --host 127.0.0.1 --port N``: the local emulator in the foreground."""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import TYPE_CHECKING

import click

from handwriting_ocr.cli.errors import EXIT_OK
from handwriting_ocr.cli.providers import ENDPOINT_ENV

if TYPE_CHECKING:
    from handwriting_ocr.emulator import Emulator

__all__ = ["emulator", "emulator_environment"]


def emulator_environment(emu: Emulator) -> dict[str, str]:
    """The environment variables that point every provider client at ``emu``, with the test
    credentials it accepts (public emulator values, never real ones). Huawei uses AK/SK signing."""
    config = emu.config
    tencent = config.tencent.accounts[0]
    return {
        ENDPOINT_ENV: emu.base_url,
        "AZURE_VISION_ENDPOINT": emu.base_url,
        "AZURE_VISION_KEY": config.azure.keys[0],
        "HUAWEICLOUD_REGION": config.huawei.region,
        "HUAWEICLOUD_PROJECT_ID": config.huawei.project_id,
        "HUAWEICLOUD_SDK_AK": config.huawei.access_key,
        "HUAWEICLOUD_SDK_SK": config.huawei.secret_key,
        "HUAWEICLOUD_IAM_ENDPOINT": emu.base_url,
        "TENCENT_APPID": tencent.appid,
        "TENCENTCLOUD_SECRET_ID": tencent.secret_id,
        "TENCENTCLOUD_SECRET_KEY": tencent.secret_key,
    }


def huawei_password_environment(emu: Emulator) -> dict[str, str]:
    """The Huawei variables for the IAM password method instead of AK/SK, for the emulator's user."""
    user = emu.config.huawei.users[0]
    return {
        "HUAWEICLOUD_IAM_DOMAIN": user.domain,
        "HUAWEICLOUD_IAM_USER": user.name,
        "HUAWEICLOUD_IAM_PASSWORD": user.password,
    }


def _banner(emu: Emulator) -> str:
    lines = [
        f"handwriting-ocr emulator listening on {emu.base_url} (Ctrl-C to stop)",
        "# It accepts these test credentials; in another shell:",
        *(f"export {name}={value}" for name, value in emulator_environment(emu).items()),
        "# Huawei IAM password tokens instead of AK/SK: unset the two _SDK_ variables and set",
        *(f"#   export {name}={value}" for name, value in huawei_password_environment(emu).items()),
        f"# then e.g.: handwriting-ocr recognize {emu.sample_url('glory.png')} --provider azure",
    ]
    return "\n".join(lines)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free port)."
)
@click.option(
    "--processing-time",
    type=click.FloatRange(min=0),
    default=None,
    help="Seconds an Azure asynchronous operation takes (default: the emulator's).",
)
def emulator(host: str, port: int, processing_time: float | None) -> int:
    """Run the local emulator of every provider API until Ctrl-C.

    Prints its base URL and the test credentials it accepts as `export` lines.
    """
    import attrs

    from handwriting_ocr.emulator import EmulatorConfig, serve

    config = EmulatorConfig()
    if processing_time is not None:
        config = attrs.evolve(config, processing_time=processing_time)
    stop = threading.Event()

    def on_terminate(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # SIGTERM (a service manager, a test) stops as cleanly as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, on_terminate)
    try:
        serve(host, port, config, ready=lambda emu: click.echo(_banner(emu)), stop=stop)
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo("emulator stopped", err=True)
    return EXIT_OK
