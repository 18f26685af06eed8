"""Variant set of a 24 MP JPEG and a 12 MP HEIC: Lumen's Pillow pipeline against pyvips.

Run: uv run --group bench python bench/media/run.py [--runs N]
Each contender runs in a fresh subprocess per file (one warm-up run, then N timed runs);
time is the median, memory is the subprocess's peak RSS.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms, ImageFilter
from PIL import __version__ as pillow_version

HERE = Path(__file__).parent


def photo_like(size: tuple[int, int]) -> Image.Image:
    # Smooth colour fields plus sensor-like grain: random noise alone would be far harder
    # to compress than a photo, a flat image far easier.
    small = (size[0] // 64, size[1] // 64)
    bands = [Image.effect_noise(small, 90).filter(ImageFilter.GaussianBlur(2)) for _ in range(3)]
    base = Image.merge("RGB", bands).resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 12).convert("RGB")
    return Image.blend(base, grain, 0.12)


def make_inputs(folder: Path) -> dict[str, Path]:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Bench"
    jpeg = folder / "24mp.jpg"
    photo_like((6000, 4000)).save(jpeg, "JPEG", quality=92, exif=exif, icc_profile=icc)
    pillow_heif.register_heif_opener()
    heic = folder / "12mp.heic"
    photo_like((4000, 3000)).save(heic, "HEIF", quality=85, icc_profile=icc)
    return {"24 MP JPEG (6000x4000)": jpeg, "12 MP HEIC (4000x3000)": heic}


def measure(contender: str, path: Path, runs: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent.parent)}
    done = subprocess.run(  # noqa: S603 - our own script, our own arguments
        [sys.executable, str(HERE / "contenders.py"), contender, str(path), str(runs + 1)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line),
        platform.processor(),
    )
    meminfo = Path("/proc/meminfo").read_text().split()
    ram_gib = int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024 / 1024
    return (
        f"{os.cpu_count()} CPUs, {model}, {ram_gib:.0f} GiB RAM, Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    import pyvips  # type: ignore[import-untyped]

    print(f"machine: {machine()}")
    print(
        f"Pillow {pillow_version}, pillow-heif {pillow_heif.__version__}, "
        f"libvips {pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}, "
        f"VIPS_CONCURRENCY={os.environ.get('VIPS_CONCURRENCY', 'default')}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for label, path in make_inputs(Path(folder)).items():
            pillow = measure("pillow", path, runs)
            vips = measure("pyvips", path, runs)
            print(f"\n{label}, {path.stat().st_size / 1e6:.1f} MB, median of {runs}")
            for name, result in (("pillow", pillow), ("pyvips", vips)):
                print(
                    f"  {name:7} {result['seconds'] * 1000:7.0f} ms  peak RSS "
                    f"{result['peak_mib']:6.0f} MiB (after imports {result['baseline_mib']:.0f})"
                    f"  output {result['output_kib']:.0f} KiB"
                )
            extra = [(r["peak_mib"] - r["baseline_mib"]) for r in (pillow, vips)]
            print(
                f"  ratio   time {pillow['seconds'] / vips['seconds']:.2f}x  "
                f"peak RSS {pillow['peak_mib'] / vips['peak_mib']:.2f}x  "
                f"(above imports {extra[0] / extra[1]:.2f}x)"
            )


if __name__ == "__main__":
    main()
