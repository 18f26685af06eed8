"""Lists the metadata-bearing blocks of a file by walking its container, without a decoder."""


def jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """(marker, first bytes of payload) for every segment before the image data."""
    assert data[:2] == b"\xff\xd8"
    segments = []
    pos = 2
    while pos < len(data):
        marker = data[pos + 1]
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segments.append((marker, data[pos + 4 : pos + 4 + 14]))
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        pos += 2 + length
    return segments


def riff_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF"
    assert data[8:12] == b"WEBP"
    chunks = []
    pos = 12
    while pos + 8 <= len(data):
        fourcc = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        chunks.append(fourcc)
        pos += 8 + size + (size & 1)
    return chunks
