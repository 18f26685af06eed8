from collections.abc import AsyncIterable, AsyncIterator

import msgspec

from lumen.media.formats import SNIFF_BYTES, MediaType, detect_media_type
from lumen.media.storage import Storage


class StoredUpload(msgspec.Struct, frozen=True):
    key: str
    size: int
    media_type: MediaType


async def store_upload(
    chunks: AsyncIterable[bytes], storage: Storage, *, max_bytes: int
) -> StoredUpload:
    """Raises UnsupportedMediaTypeError (415) before storing anything, TooLargeError (413)
    as soon as the stream passes max_bytes; only the first few bytes are ever buffered."""
    stream = aiter(chunks)
    head = b""
    while len(head) < SNIFF_BYTES:
        chunk = await anext(stream, None)
        if chunk is None:
            break
        head += chunk
    media_type = detect_media_type(head[:SNIFF_BYTES])
    stored = await storage.put(
        _prepend(head, stream), suffix=media_type.suffix, max_bytes=max_bytes
    )
    return StoredUpload(key=stored.key, size=stored.size, media_type=media_type)


async def _prepend(head: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    if head:
        yield head
    async for chunk in rest:
        yield chunk
