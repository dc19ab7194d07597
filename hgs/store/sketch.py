"""The sketch of a plan ("teken je plan"): a photo of a drawing, PNG or JPEG. A file is taken
only when its first bytes say PNG or JPEG (the name and the browser's type are not trusted), it
is at most MAX_BYTES, and it decodes as a picture of at most MAX_PIXELS; it is then written
again without what a phone adds to a photo (place, time, camera: the EXIF data), turned upright
and made at most MAX_SIDE pixels wide or high, so the stored file holds the picture only."""

from __future__ import annotations

import io

from PIL import Image, ImageOps

from hgs.errors import InvalidInput
from hgs.i18n import t

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # before decoding: a small file may claim a huge picture
MAX_SIDE = 2400
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def kind(data: bytes) -> str | None:
    """"PNG" or "JPEG" by the file's first bytes, else None."""
    return next((name for magic, name in SIGNATURES.items() if data.startswith(magic)), None)


def mime(data: bytes) -> str:
    return "image/png" if kind(data) == "PNG" else "image/jpeg"


def cleaned(data: bytes) -> bytes:
    """The picture to store, or InvalidInput with a message in the session's language."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(t("reflectie_extra.sketch_too_large",
                             size=round(len(data) / 1024 / 1024, 1),
                             limit=MAX_BYTES // 1024 // 1024))
    found = kind(data)
    if found is None:
        raise InvalidInput(t("reflectie_extra.sketch_not_image"))
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != found:
                raise InvalidInput(t("reflectie_extra.sketch_not_image"))
            if image.width * image.height > MAX_PIXELS:
                raise InvalidInput(t("reflectie_extra.sketch_too_many_pixels"))
            image.load()
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            if found == "PNG":
                upright.save(out, "PNG", optimize=True)
            else:
                upright.convert("RGB").save(out, "JPEG", quality=85)
            return out.getvalue()
    except InvalidInput:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise InvalidInput(t("reflectie_extra.sketch_not_image")) from error
