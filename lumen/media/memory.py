"""Giving decoded images' memory back to the system once they are freed."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

# glibc's mallopt parameter for the size from which allocations are separate mappings.
_M_MMAP_THRESHOLD = -3
# Pillow allocates pixels in blocks of megabytes: from this size on, every block is its
# own mapping, returned to the system on free. glibc otherwise raises the threshold after
# the first large free, and later blocks stay in the heap for good (a worker held 3.5 GB
# after three 100 MP images).
MMAP_FROM_BYTES = 1 << 20


@functools.cache
def return_freed_images_to_the_system() -> bool:
    """Once per process, before the first decode; False where the C library is not glibc."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name)
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_FROM_BYTES))
