import asyncio
import hashlib
import os
import re
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path
from typing import IO, Protocol

import msgspec

from lumen.media.errors import InvalidKeyError, MediaNotFoundError, TooLargeError

# Keys are "<sha256 hex>.<suffix>": nothing a user sends ever reaches a path, and the
# suffix lets a server pick the content type without opening the file.
SUFFIXES = frozenset({"jpg", "png", "webp", "heic", "heif", "avif"})
_KEY = re.compile(r"[0-9a-f]{64}\.([a-z]{3,4})")
_CHUNK = 64 * 1024


class StoredObject(msgspec.Struct, frozen=True):
    key: str
    size: int


def make_key(sha256_hex: str, suffix: str) -> str:
    return validate_key(f"{sha256_hex}.{suffix}")


def validate_key(key: str) -> str:
    match = _KEY.fullmatch(key)
    if match is None or match.group(1) not in SUFFIXES:
        raise InvalidKeyError(f"Not a valid media key: {key[:80]!r}.")
    return key


class Storage(Protocol):
    async def put(
        self, chunks: AsyncIterable[bytes], *, suffix: str, max_bytes: int | None = None
    ) -> StoredObject: ...

    async def put_bytes(self, data: bytes, *, suffix: str) -> StoredObject: ...

    async def read(self, key: str) -> bytes: ...

    def stream(self, key: str) -> AsyncIterator[bytes]: ...

    async def exists(self, key: str) -> bool: ...

    async def delete(self, key: str) -> None: ...

    async def keys_older_than(self, cutoff: float) -> list[str]: ...

    async def delete_if_older(self, key: str, cutoff: float) -> bool: ...

    async def discard_incoming(self, cutoff: float) -> int: ...


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self._root = root
        self._tmp = root / ".incoming"

    async def put(
        self, chunks: AsyncIterable[bytes], *, suffix: str, max_bytes: int | None = None
    ) -> StoredObject:
        make_key("0" * 64, suffix)  # refuse an unknown suffix before writing anything
        file, tmp_path = await asyncio.to_thread(self._open_temp)
        digest = hashlib.sha256()
        size = 0
        try:
            async for chunk in chunks:
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise TooLargeError(max_bytes)
                digest.update(chunk)
                await asyncio.to_thread(file.write, chunk)
            key = make_key(digest.hexdigest(), suffix)
            await asyncio.to_thread(self._commit, file, tmp_path, key)
        except BaseException:
            await asyncio.to_thread(_discard, file, tmp_path)
            raise
        return StoredObject(key=key, size=size)

    async def put_bytes(self, data: bytes, *, suffix: str) -> StoredObject:
        key = make_key(hashlib.sha256(data).hexdigest(), suffix)
        file, tmp_path = await asyncio.to_thread(self._open_temp)
        try:
            await asyncio.to_thread(file.write, data)
            await asyncio.to_thread(self._commit, file, tmp_path, key)
        except BaseException:
            await asyncio.to_thread(_discard, file, tmp_path)
            raise
        return StoredObject(key=key, size=len(data))

    async def read(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            raise MediaNotFoundError from None

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        path = self._path(key)
        try:
            file = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise MediaNotFoundError from None
        try:
            while chunk := await asyncio.to_thread(file.read, _CHUNK):
                yield chunk
        finally:
            await asyncio.to_thread(file.close)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self._path(key).is_file)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    async def keys_older_than(self, cutoff: float) -> list[str]:
        """Keys of stored files last written before `cutoff` (a Unix time)."""
        return await asyncio.to_thread(self._older_than, cutoff)

    async def delete_if_older(self, key: str, cutoff: float) -> bool:
        """Deletes the file unless it was written again since `cutoff`: every put replaces
        the file, so a new upload of the same content is never lost to a sweep."""
        return await asyncio.to_thread(self._unlink_if_older, self._path(key), cutoff)

    async def discard_incoming(self, cutoff: float) -> int:
        """Removes uploads interrupted before `cutoff` that never became a stored file."""
        return await asyncio.to_thread(self._discard_incoming, cutoff)

    def _discard_incoming(self, cutoff: float) -> int:
        if not self._tmp.is_dir():
            return 0
        return sum(self._unlink_if_older(part, cutoff) for part in self._tmp.iterdir())

    def _older_than(self, cutoff: float) -> list[str]:
        found = []
        for top in self._root.glob("[0-9a-f][0-9a-f]"):
            for entry in top.glob("[0-9a-f][0-9a-f]/*"):
                if _KEY.fullmatch(entry.name) and entry.stat().st_mtime < cutoff:
                    found.append(entry.name)
        return found

    @staticmethod
    def _unlink_if_older(path: Path, cutoff: float) -> bool:
        try:
            if path.stat().st_mtime >= cutoff:
                return False
            path.unlink()
        except FileNotFoundError:
            return False
        return True

    def _path(self, key: str) -> Path:
        validate_key(key)
        # Two levels of fan-out keep directories small at millions of files.
        return self._root / key[:2] / key[2:4] / key

    def _open_temp(self) -> tuple[IO[bytes], Path]:
        self._tmp.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self._tmp, suffix=".part")
        return os.fdopen(fd, "wb"), Path(name)

    def _commit(self, file: IO[bytes], tmp_path: Path, key: str) -> None:
        # fsync before the rename so a crash never leaves a complete-looking, partial file.
        file.flush()
        os.fsync(file.fileno())
        file.close()
        final = self._path(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp_path, 0o644)
        # Same content, same key: replacing an existing file is harmless and keeps put idempotent.
        os.replace(tmp_path, final)


def _discard(file: IO[bytes], tmp_path: Path) -> None:
    file.close()
    tmp_path.unlink(missing_ok=True)
