import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from lumen.media import InvalidKeyError, LocalStorage, MediaNotFoundError, TooLargeError
from tests.media.samples import chunks_of, files_under


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path)


async def test_keys_are_the_sha256_of_the_content(storage: LocalStorage) -> None:
    data = b"photo bytes" * 1000
    stored = await storage.put(chunks_of(data, 100), suffix="jpg")
    assert stored.key == hashlib.sha256(data).hexdigest() + ".jpg"
    assert stored.size == len(data)
    assert await storage.read(stored.key) == data
    assert b"".join([chunk async for chunk in storage.stream(stored.key)]) == data


async def test_the_same_content_is_stored_once(storage: LocalStorage, tmp_path: Path) -> None:
    first = await storage.put_bytes(b"same", suffix="webp")
    second = await storage.put(chunks_of(b"same", 2), suffix="webp")
    assert first == second
    assert len(files_under(tmp_path)) == 1


async def test_the_cap_stops_the_stream_midway_and_leaves_nothing(
    storage: LocalStorage, tmp_path: Path
) -> None:
    consumed: list[int] = []
    with pytest.raises(TooLargeError) as refused:
        await storage.put(chunks_of(bytes(10_000), 1_000, consumed), suffix="png", max_bytes=2_500)
    assert len(consumed) == 3  # the third chunk crossed the cap; the rest was never read
    assert refused.value.limit_bytes == 2_500
    assert files_under(tmp_path) == []


async def test_a_stream_that_fails_midway_leaves_no_partial_file(
    storage: LocalStorage, tmp_path: Path
) -> None:
    async def broken() -> AsyncIterator[bytes]:
        yield b"first half"
        assert files_under(tmp_path / ".incoming"), "bytes go to a temporary file first"
        raise ConnectionResetError

    with pytest.raises(ConnectionResetError):
        await storage.put(broken(), suffix="jpg")
    assert files_under(tmp_path) == []


async def test_a_file_appears_under_its_key_only_when_complete(
    storage: LocalStorage, tmp_path: Path
) -> None:
    data = b"x" * 5000
    key = hashlib.sha256(data).hexdigest() + ".avif"

    async def watched() -> AsyncIterator[bytes]:
        async for chunk in chunks_of(data, 1000):
            assert not await storage.exists(key)
            yield chunk

    await storage.put(watched(), suffix="avif")
    assert await storage.exists(key)


@pytest.mark.parametrize(
    "key",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "a" * 64 + ".jpg/../../x",
        "A" * 64 + ".jpg",
        "a" * 63 + ".jpg",
        "a" * 64 + ".exe",
        "a" * 64,
        "a" * 64 + ".jpg\x00",
        "",
    ],
)
async def test_keys_that_are_not_hash_and_known_suffix_are_refused(
    storage: LocalStorage, key: str
) -> None:
    for operation in (storage.read, storage.exists, storage.delete):
        with pytest.raises(InvalidKeyError):
            await operation(key)


async def test_an_unknown_suffix_is_refused_before_writing(
    storage: LocalStorage, tmp_path: Path
) -> None:
    with pytest.raises(InvalidKeyError):
        await storage.put_bytes(b"data", suffix="../x")
    assert files_under(tmp_path) == []


async def test_delete_is_idempotent_and_read_of_a_missing_key_says_so(
    storage: LocalStorage,
) -> None:
    stored = await storage.put_bytes(b"gone soon", suffix="heic")
    await storage.delete(stored.key)
    await storage.delete(stored.key)
    assert not await storage.exists(stored.key)
    with pytest.raises(MediaNotFoundError):
        await storage.read(stored.key)
