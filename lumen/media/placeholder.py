import msgspec
from PIL import Image


class Placeholder(msgspec.Struct, frozen=True):
    # "#rrggbb", painted behind the photo while its first variant loads.
    dominant_colour: str


def placeholder(image: Image.Image) -> Placeholder:
    # The smallest variant is enough: a 24x24 sample has the same dominant colour as the
    # original. An average would turn a red coat on green grass into brown; a small palette
    # and its most used entry does not.
    sample = image.convert("RGB")
    sample.thumbnail((24, 24), Image.Resampling.BOX)
    palette_image = sample.quantize(colors=5, method=Image.Quantize.MEDIANCUT)
    palette = palette_image.getpalette() or [0, 0, 0]
    counts = palette_image.histogram()  # one count per palette index
    index = max(range(len(counts)), key=counts.__getitem__)
    red, green, blue = palette[index * 3 : index * 3 + 3]
    return Placeholder(dominant_colour=f"#{red:02x}{green:02x}{blue:02x}")
