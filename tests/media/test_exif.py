import io
from datetime import datetime, timedelta, timezone

from PIL import ExifTags, Image
from PIL.TiffImagePlugin import IFDRational

from lumen.media import PhotoExif, process
from lumen.media.exif import read_exif
from tests.media.samples import camera_exif, encode_photo


def exif_of(exif: Image.Exif) -> tuple[PhotoExif, int]:
    return read_exif(Image.open(io.BytesIO(encode_photo("JPEG", (60, 40), exif=exif))))


def test_camera_fields_are_read_into_plain_values() -> None:
    exif, orientation = exif_of(camera_exif())
    assert orientation == 6
    assert exif.make == "Canon"
    assert exif.model == "Canon EOS R5"
    assert exif.lens == "RF24-70mm F2.8 L IS USM"
    assert exif.focal_length_mm == 50.0
    assert exif.f_number == 2.8
    assert exif.exposure_time_s == 0.004
    assert exif.iso == 400


def test_capture_time_keeps_its_offset() -> None:
    exif, _ = exif_of(camera_exif())
    assert exif.captured_at == datetime(2024, 6, 1, 18, 30, 5, tzinfo=timezone(timedelta(hours=2)))


def test_capture_time_without_offset_is_naive_camera_time() -> None:
    exif, _ = exif_of(camera_exif(sub={ExifTags.Base.OffsetTimeOriginal: None}))
    assert exif.captured_at == datetime(2024, 6, 1, 18, 30, 5)


def test_gps_is_decimal_degrees_signed_by_hemisphere() -> None:
    exif, _ = exif_of(camera_exif())
    assert exif.latitude is not None
    assert exif.longitude is not None
    assert round(exif.latitude, 4) == -33.86
    assert round(exif.longitude, 4) == 151.21


def test_garbage_tags_are_skipped_and_the_rest_kept() -> None:
    tags = camera_exif(
        orientation=42,
        sub={
            ExifTags.Base.FNumber: IFDRational(28, 0),
            ExifTags.Base.FocalLength: "fifty",
            ExifTags.Base.ExposureTime: -1.0,
            ExifTags.Base.DateTimeOriginal: "    :  :     :  :  ",
            ExifTags.Base.OffsetTimeOriginal: "+99:00",
        },
        gps={ExifTags.GPS.GPSLatitudeRef: "Q"},
    )
    tags[ExifTags.Base.Model] = b"\x00\x01\x02"
    exif, orientation = exif_of(tags)
    assert orientation == 1
    assert exif == PhotoExif(make="Canon", lens="RF24-70mm F2.8 L IS USM", iso=400)


def test_a_fix_at_zero_zero_or_marked_void_is_no_location() -> None:
    void = camera_exif(gps={ExifTags.GPS.GPSStatus: "V"})
    assert exif_of(void)[0].latitude is None
    zero = (0.0, 0.0, 0.0)
    null_island = camera_exif(gps={ExifTags.GPS.GPSLatitude: zero, ExifTags.GPS.GPSLongitude: zero})
    assert exif_of(null_island)[0].latitude is None


def test_a_mangled_exif_block_means_no_exif_not_a_failed_photo() -> None:
    photo = encode_photo("JPEG", (600, 400))
    start = photo.index(b"Exif\x00\x00") + 6
    mangled = photo[:start] + bytes(range(97, 123)) * 4 + photo[start + 104 :]
    result = process(mangled)
    assert result.exif == PhotoExif()
    assert (result.width, result.height) == (600, 400)
