import msgspec
from PIL import Image


class Placeholder(msgspec.Struct, frozen=True):
    # "#rrggbb", painted behind the photo while its first variant loads.
    dominant_colour: str


def placeholder(image: Image.Image) -> Placeholder:
    # A 24 px sample has the dominant colour of the whole; reduce() gets there from the
    # full decode in a few milliseconds. An average would turn a red coat on green grass
    # into brown; the most used entry of a small palette does not.
    scale = 24 / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    sample = image.resize(size, Image.Resampling.BOX, reducing_gap=2.0).convert("RGB")
    palette_image = sample.quantize(colors=5, method=Image.Quantize.MEDIANCUT)
    palette = palette_image.getpalette() or [0, 0, 0]
    counts = palette_image.histogram()  # one count per palette index
    index = max(range(len(counts)), key=counts.__getitem__)
    red, green, blue = palette[index * 3 : index * 3 + 3]
    return Placeholder(dominant_colour=f"#{red:02x}{green:02x}{blue:02x}")
