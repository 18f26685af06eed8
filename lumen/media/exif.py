import math
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

import msgspec
from PIL import ExifTags, Image

# EXIF comes from whatever wrote the file: every value is checked for type and range, and
# one bad tag costs only that field, never the upload.

_T = TypeVar("_T")
_Tags = dict[int, Any]
_OFFSET = re.compile(r"([+-])(\d{2}):(\d{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class PhotoExif(msgspec.Struct, frozen=True, omit_defaults=True):
    make: str | None = None
    model: str | None = None
    lens: str | None = None
    focal_length_mm: float | None = None
    f_number: float | None = None
    exposure_time_s: float | None = None
    iso: int | None = None
    # Timezone-aware when the camera recorded an offset, naive (camera-local) otherwise.
    captured_at: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None


def read_exif(image: Image.Image) -> tuple[PhotoExif, int]:
    """Returns the fields Lumen keeps and the orientation (1-8, 1 when absent or bogus)."""
    try:
        exif = image.getexif()
    except Exception:  # a broken EXIF block means no EXIF, not a failed upload
        return PhotoExif(), 1
    main = _ifd(exif, None)
    sub = _ifd(exif, ExifTags.IFD.Exif)
    gps = _ifd(exif, ExifTags.IFD.GPSInfo)
    latitude, longitude = _safe(lambda: _coordinates(gps)) or (None, None)
    orientation = _safe(lambda: _in_range(int(main[0x0112]), 1, 8)) or 1
    return PhotoExif(
        make=_safe(lambda: _text(main[0x010F])),
        model=_safe(lambda: _text(main[0x0110])),
        lens=_safe(lambda: _text(sub[0xA434])),
        focal_length_mm=_safe(lambda: _in_range(_number(sub[0x920A]), 0.1, 10_000.0)),
        f_number=_safe(lambda: _in_range(_number(sub[0x829D]), 0.3, 256.0)),
        exposure_time_s=_safe(lambda: _in_range(_number(sub[0x829A]), 1e-6, 86_400.0)),
        iso=_safe(lambda: _iso(sub)),
        captured_at=_safe(lambda: _captured_at(sub)),
        latitude=latitude,
        longitude=longitude,
    ), orientation


def _ifd(exif: Image.Exif, ifd: ExifTags.IFD | None) -> _Tags:
    try:
        return dict(exif) if ifd is None else dict(exif.get_ifd(ifd))
    except Exception:
        return {}


def _safe(read: Callable[[], _T]) -> _T | None:
    try:
        return read()
    except Exception:
        return None


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    cleaned = _CONTROL.sub("", value).strip()[:100]
    return cleaned or None


def _number(value: object) -> float:
    if isinstance(value, tuple | list):
        value = value[0]
    number = float(value)  # type: ignore[arg-type]  # anything else raises, and _safe skips it
    if not math.isfinite(number):
        raise ValueError(number)
    return number


def _in_range(value: _T, low: float, high: float) -> _T:
    if not low <= value <= high:  # type: ignore[operator]
        raise ValueError(value)
    return value


def _iso(sub: _Tags) -> int:
    iso = int(_number(sub[0x8827]))
    if iso == 65535 and 0x8833 in sub:  # the field saturates; ISOSpeed holds the real value
        iso = int(_number(sub[0x8833]))
    return _in_range(iso, 1, 10_000_000)


def _captured_at(sub: _Tags) -> datetime | None:
    for stamp_tag, offset_tag in ((0x9003, 0x9011), (0x9004, 0x9012)):
        stamp = _text(sub.get(stamp_tag))
        if stamp is None:
            continue
        moment = datetime.strptime(stamp[:19], "%Y:%m:%d %H:%M:%S")
        offset = _offset(_text(sub.get(offset_tag)))
        return moment.replace(tzinfo=offset) if offset else moment
    return None


def _offset(text: str | None) -> timezone | None:
    match = _OFFSET.fullmatch(text or "")
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    if delta > timedelta(hours=14):
        return None
    return timezone(-delta if sign == "-" else delta)


def _coordinates(gps: _Tags) -> tuple[float, float] | None:
    if _text(gps.get(9)) == "V":  # GPSStatus "void": the receiver had no fix
        return None
    latitude = _degrees(gps[2], _text(gps[1]), "N", "S")
    longitude = _degrees(gps[4], _text(gps[3]), "E", "W")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    if latitude == 0 and longitude == 0:  # what many cameras write when they have no fix
        return None
    return latitude, longitude


def _degrees(value: object, ref: str | None, positive: str, negative: str) -> float:
    if ref not in (positive, negative):
        raise ValueError(ref)
    parts = list(value) if isinstance(value, tuple | list) else [value]
    degrees = sum(_number(part) / 60.0**i for i, part in enumerate(parts[:3]))
    return -degrees if ref == negative else degrees
