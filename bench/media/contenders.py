"""One contender on one file, in its own process so its peak RSS is its own.

Usage: python bench/media/contenders.py {pillow,pyvips} FILE RUNS
Prints one JSON line: median seconds, peak RSS and the RSS before the first image.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyvips  # type: ignore[import-untyped]

EDGES = (2048, 1080, 320)
QUALITY = 80


def pillow_variants(path: Path) -> int:
    from lumen.media import process

    result = process(path.read_bytes())
    return sum(len(variant.data) for variant in result.variants)


def pyvips_variants(path: Path) -> int:
    import pyvips

    # libvips' own recipe: shrink-on-load thumbnail to the largest size, rendered to memory
    # once, then each smaller size from the one before, each saved as WebP and JPEG.
    if path.suffix == ".heic":
        image = _heic_via_libheif(path).thumbnail_image(EDGES[0], size="down").copy_memory()
    else:
        image = pyvips.Image.thumbnail(str(path), EDGES[0], size="down").copy_memory()
    total = 0
    for edge in EDGES:
        if max(image.width, image.height) > edge:
            image = image.thumbnail_image(edge, size="down").copy_memory()
        total += len(image.webpsave_buffer(Q=QUALITY, effort=4, keep="icc"))
        total += len(image.jpegsave_buffer(Q=QUALITY, interlace=True, keep="icc"))
    return total


def status_kib(field: str) -> int:
    # VmHWM belongs to the address space, which exec replaces: unlike ru_maxrss it does not
    # inherit the peak of the parent that forked us.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _heic_via_libheif(path: Path) -> pyvips.Image:
    # The pyvips-binary wheel ships libheif without an HEVC decoder (patents), so the HEIC
    # is decoded by pillow-heif's libheif + libde265 (what a full libvips would call) and
    # its pixels handed to libvips without a copy.
    import pillow_heif
    import pyvips

    heif = pillow_heif.open_heif(path, convert_hdr_to_8bit=True)
    width, height = heif.size
    bands = len(heif.mode)
    pixels = heif.data if heif.stride == width * bands else heif.to_pillow().tobytes()
    return pyvips.Image.new_from_memory(pixels, width, height, bands, "uchar")


CONTENDERS: dict[str, Callable[[Path], int]] = {
    "pillow": pillow_variants,
    "pyvips": pyvips_variants,
}


def main() -> None:
    name, path, runs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    contender = CONTENDERS[name]
    if name == "pillow":
        import lumen.media  # noqa: F401 - imports count in the baseline, not the peak
    else:
        import pyvips  # noqa: F401
    baseline_kib = status_kib("VmHWM")
    timings = []
    output_bytes = 0
    for _ in range(runs):
        started = time.perf_counter()
        output_bytes = contender(path)
        timings.append(time.perf_counter() - started)
    peak_kib = status_kib("VmHWM")
    print(
        json.dumps(
            {
                "seconds": statistics.median(timings),
                "peak_mib": peak_kib / 1024,
                "baseline_mib": baseline_kib / 1024,
                "output_kib": output_bytes / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
