"""The ristretto255 group from libsodium (>= 1.0.18), called through ctypes, for private set intersection.

PyNaCl 1.6 bundles libsodium but binds none of its ristretto255 functions, and its bundled copy does not export
them; the system libsodium does (Debian: libsodium23). Only four calls are needed, so a small ctypes binding is
simpler and safer than any pure-Python curve arithmetic. `NARCOTRACE_LIBSODIUM` may name the library file.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import lru_cache

from narcotrace._exceptions import InputError

__all__ = ["HASH_BYTES", "POINT_BYTES", "SodiumUnavailable", "from_hash", "is_valid_point", "random_scalar",
           "scalarmult"]

POINT_BYTES = 32
SCALAR_BYTES = 32
HASH_BYTES = 64


class SodiumUnavailable(InputError):
    """libsodium with ristretto255 cannot be loaded on this machine."""


@lru_cache(maxsize=1)
def _lib() -> ctypes.CDLL:
    names = [os.environ.get("NARCOTRACE_LIBSODIUM"), ctypes.util.find_library("sodium"), "libsodium.so.23",
             "libsodium.so.26", "libsodium.so", "libsodium.dylib"]
    tried: list[str] = []
    for name in names:
        if not name or name in tried:
            continue
        tried.append(name)
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        if not hasattr(lib, "crypto_core_ristretto255_from_hash"):
            continue
        if lib.sodium_init() < 0:
            raise SodiumUnavailable(f"libsodium ({name}) failed to initialise")
        for fn in ("crypto_core_ristretto255_from_hash", "crypto_core_ristretto255_is_valid_point",
                   "crypto_scalarmult_ristretto255"):
            getattr(lib, fn).restype = ctypes.c_int
        lib.crypto_core_ristretto255_scalar_random.restype = None
        return lib
    raise SodiumUnavailable(
        "private set intersection needs libsodium >= 1.0.18 with ristretto255 (Debian/Ubuntu: apt-get install "
        f"libsodium23), or NARCOTRACE_LIBSODIUM set to its path; tried: {', '.join(tried)}")


def from_hash(digest: bytes) -> bytes:
    """Map 64 uniform bytes (a SHA-512 digest) to a group element (RFC 9496 hash-to-group, two Elligator maps)."""
    if len(digest) != HASH_BYTES:
        raise ValueError(f"from_hash needs {HASH_BYTES} bytes, got {len(digest)}")
    out = ctypes.create_string_buffer(POINT_BYTES)
    _lib().crypto_core_ristretto255_from_hash(out, digest)
    return out.raw


def is_valid_point(point: bytes) -> bool:
    """A canonical ristretto255 encoding (every decodable element is in the prime-order group by construction)."""
    return len(point) == POINT_BYTES and _lib().crypto_core_ristretto255_is_valid_point(point) == 1


def random_scalar() -> bytes:
    """A uniformly random non-zero scalar modulo the group order."""
    out = ctypes.create_string_buffer(SCALAR_BYTES)
    while True:
        _lib().crypto_core_ristretto255_scalar_random(out)
        if any(out.raw):
            return out.raw


def scalarmult(scalar: bytes, point: bytes) -> bytes | None:
    """scalar * point, or None when the point is invalid or the result is the identity (never a usable blind)."""
    if len(scalar) != SCALAR_BYTES or not is_valid_point(point):
        return None
    out = ctypes.create_string_buffer(POINT_BYTES)
    if _lib().crypto_scalarmult_ristretto255(out, scalar, point) != 0:
        return None
    return out.raw
