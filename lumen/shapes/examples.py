"""The values the API description shows for the shared shapes: one model in Paris, her
photo, and the parts they share. `tests/contract/test_examples.py` decodes each into its
struct and checks it against the document's schema."""

from __future__ import annotations

from typing import Any

PARIS: dict[str, Any] = {
    "precision": "city",
    "city_id": 2988507,
    "city": "Paris",
    "country_code": "FR",
    "country": "France",
}
MODEL_ATTRIBUTES: dict[str, Any] = {
    "experience": "intermediate",
    "height_cm": 172,
    "measurements": {"bust_cm": 84, "waist_cm": 61, "hips_cm": 89},
    "hair_colour": "brown",
    "open_to_tfp": True,
}
PROFILE: dict[str, Any] = {
    "id": "6f1c2b9e-8d3a-4a57-9a53-2f4b8f0c1d21",
    "role": "model",
    "display_name": "Mia Laurent",
    "headline": "Fashion and portrait model in Paris",
    "bio": "Editorial and street fashion; happy to test new looks.",
    "languages": ["fr", "en"],
    "specialties": [
        {"slug": "fashion", "name": "Fashion"},
        {"slug": "portrait", "name": "Portrait"},
    ],
    "place": PARIS,
    "visibility": "public",
    "links": ["https://mia.example/book"],
    "attributes": MODEL_ATTRIBUTES,
    "followers_count": 12,
    "following_count": 30,
    "created_at": "2026-11-20T10:15:00Z",
}
VARIANT: dict[str, Any] = {
    "url": "/v1/media/9b2f0c5e7a1d4e8fb3c6a0d2e4f6a8b0c2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2.webp"
    "?scope=p&exp=1798761600&sig=Qm9yZGVhdXgtc2lnbmF0dXJlLWV4YW1wbGU",
    "width": 1280,
    "height": 853,
    "media_type": "image/webp",
}
PHOTO: dict[str, Any] = {
    "id": "0d4e5c3a-7b21-4f6e-8a9d-1c2b3a4f5e6d",
    "owner": {"id": PROFILE["id"], "name": PROFILE["display_name"], "role": "model"},
    "title": "Rooftop at dusk",
    "caption": "Last light over the zinc roofs.",
    "tags": ["portrait", "golden hour"],
    "visibility": "public",
    "place": PARIS,
    "camera_make": "Fujifilm",
    "camera_model": "X-T5",
    "lens": "XF56mmF1.2 R WR",
    "exif": {"make": "Fujifilm", "model": "X-T5", "f_number": 1.4, "iso": 200},
    "taken_at": "2026-10-02T18:42:00Z",
    "width": 6240,
    "height": 4160,
    "orientation": "landscape",
    "variants": [VARIANT],
    "placeholder": "#7a5c48",
    "created_at": "2026-10-03T09:00:00Z",
}
