"""Debian's chromium, headless, rendering a page the way a person's browser would — with
every host but this machine unreachable, so a page that needs the internet shows it."""

from __future__ import annotations

import asyncio
import shutil
import tempfile

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Any name but the loopback address fails to resolve: no CDN, no font service.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
# Virtual time runs the page's scripts, fetches and timers to quiescence before the dump.
RENDER_BUDGET_MS = 20000
TIMEOUT_S = 120


async def rendered_dom(url: str) -> tuple[str, str]:
    """The page's DOM once its scripts have rendered it, and chromium's log (console)."""
    browser = shutil.which("chromium")
    assert browser, "chromium is missing: `make deps` (infra/docs-assets) installs it"
    with tempfile.TemporaryDirectory(prefix="lumen-chromium-") as profile:
        process = await asyncio.create_subprocess_exec(
            browser,
            *FLAGS,
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            f"--virtual-time-budget={RENDER_BUDGET_MS}",
            "--dump-dom",
            url,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        dom, log = await asyncio.wait_for(process.communicate(), TIMEOUT_S)
    assert process.returncode == 0, log.decode(errors="replace")[-2000:]
    return dom.decode(errors="replace"), log.decode(errors="replace")
