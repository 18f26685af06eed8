"""Client types generated from the document with openapi-typescript compile a sample
frontend flow with tsc (strict): the document is usable by the screens Lumen serves."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from pathlib import Path

from lumen.app import create_app
from lumen.openapi.document import document
from tests.conftest import make_settings

CLIENT = Path(__file__).parent / "client"
# Installed by `make deps` (infra/typescript-tools).
TOOLS = Path(os.environ.get("LUMEN_CACHE", Path.home() / ".cache/lumen")) / "typescript-tools"
BIN = TOOLS / "node_modules/.bin"


async def _run(*args: str | Path, cwd: Path) -> str:
    process = await asyncio.create_subprocess_exec(
        *map(str, args),
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, output.decode(errors="replace")
    return output.decode(errors="replace")


async def test_generated_types_compile_a_sample_flow(tmp_path: Path) -> None:
    assert (BIN / "tsc").exists(), "the TypeScript tools are missing: run `make deps`"
    (tmp_path / "openapi.json").write_text(json.dumps(document(create_app(make_settings()))))
    for name in ("flow.ts", "tsconfig.json"):
        shutil.copy(CLIENT / name, tmp_path / name)
    # A default is what the server fills in, not a field the client must send.
    generate = ("openapi.json", "-o", "lumen-api.d.ts", "--default-non-nullable=false")
    await _run(BIN / "openapi-typescript", *generate, cwd=tmp_path)
    await _run(BIN / "tsc", "-p", "tsconfig.json", cwd=tmp_path)
