import msgspec


class Limits(msgspec.Struct, frozen=True):
    max_pixels: int = 100_000_000
    # Long edges of the served variants, largest first; each is made from the one before.
    long_edges: tuple[int, ...] = (2048, 1080, 320)
    quality: int = 80
    # libwebp effort 0-6; 4 is its default and what other tools use at this quality.
    webp_method: int = 4
    # Encodes run beside the cascade; two threads fill a two-core worker, and more buy
    # little because each size waits for the one before it.
    encode_threads: int = 2

    def __post_init__(self) -> None:
        if not self.long_edges or min(self.long_edges) < 1:
            raise ValueError("long_edges needs at least one positive size")
        if self.max_pixels < 1 or self.encode_threads < 1:
            raise ValueError("max_pixels and encode_threads must be positive")
