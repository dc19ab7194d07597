"""The sketch of a plan on real files: a PNG or JPEG photo is taken (checked by its first bytes,
its size and its pixels), kept beside its owner's reflection only, written without the photo's
EXIF data, shown back, replaced, removed, and erased with the reflection."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from hgs import i18n
from hgs.errors import InvalidInput
from hgs.store import sketch
from hgs.store.reflections import ReflectionStore, name_key, principle_overview


@pytest.fixture
def reflections(tmp_path) -> ReflectionStore:
    return ReflectionStore(tmp_path)


def picture(kind: str = "PNG", size=(60, 40), colour="navy", **extra) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind, **extra)
    return out.getvalue()


def test_a_png_and_a_jpeg_are_kept_beside_the_reflection_and_come_back(tmp_path, reflections):
    mine = reflections.set_sketch("Anita", picture("PNG"))
    assert mine.sketch_date is not None
    stored = ReflectionStore(tmp_path).sketch("anita")  # a new store, another spelling
    assert stored.startswith(b"\x89PNG") and Image.open(io.BytesIO(stored)).size == (60, 40)
    assert reflections.get("Anita").sketch_date == mine.sketch_date
    folder = tmp_path / "reflections"
    assert (folder / f"{name_key('Anita')}.sketch").is_file()
    reflections.set_sketch("Anita", picture("JPEG", size=(30, 20)))  # replaced
    stored = reflections.sketch("Anita")
    assert sketch.kind(stored) == "JPEG" and Image.open(io.BytesIO(stored)).size == (30, 20)
    assert principle_overview(tmp_path) == dict.fromkeys(range(1, 8), 0)  # skips the picture


def test_another_persons_reflection_never_reads_the_sketch(tmp_path, reflections):
    reflections.set_sketch("Anita", picture())
    assert reflections.sketch("Brechtje") is None
    assert reflections.sketch("anita.") is None  # another name, another file
    assert reflections.get("Brechtje").sketch_date is None
    reflections.set_sketch("Brechtje", picture(colour="red"))
    assert reflections.sketch("Anita") != reflections.sketch("Brechtje")


def test_a_too_large_file_is_refused_in_dutch_and_nothing_is_written(tmp_path, reflections):
    big = picture() + b"\0" * sketch.MAX_BYTES
    with pytest.raises(InvalidInput, match=r"te groot \(5.0 MB\).*hoogstens 5 MB"):
        reflections.set_sketch("Anita", big)
    assert reflections.sketch("Anita") is None and not reflections.exists("Anita")


@pytest.mark.parametrize("data", [
    b"Dit is geen foto maar tekst",
    b"%PDF-1.7\n" + b"x" * 100,
    b"GIF89a" + b"\0" * 100,
    b"\x89PNG\r\n\x1a\n" + b"kapot" * 20,  # a PNG's first bytes, then nothing of a picture
    b"\xff\xd8\xff" + picture("PNG")[3:],  # a JPEG's first bytes on a PNG
])
def test_a_file_that_is_no_png_or_jpeg_is_refused_in_dutch(reflections, data):
    with pytest.raises(InvalidInput, match="geen foto in PNG of JPEG"):
        reflections.set_sketch("Anita", data)
    assert reflections.sketch("Anita") is None


def test_only_png_or_jpeg_first_bytes_reach_the_picture_decoder(reflections, monkeypatch):
    """The first bytes decide before any decoder sees the file (Pillow reads many formats)."""
    def decoder(*args, **kwargs):
        raise AssertionError("decoded a file that does not start as a PNG or JPEG")

    monkeypatch.setattr(sketch.Image, "open", decoder)
    for kind in ("GIF", "BMP", "TIFF", "WEBP"):
        with pytest.raises(InvalidInput, match="geen foto in PNG of JPEG"):
            sketch.cleaned(picture(kind))
    assert sketch.kind(picture("PNG")) == "PNG" and sketch.kind(picture("JPEG")) == "JPEG"


def test_the_messages_follow_the_language(reflections):
    with i18n.using("en"), pytest.raises(InvalidInput, match="not a PNG or JPEG photo"):
        reflections.set_sketch("Anita", b"tekst")


def test_a_small_file_claiming_a_huge_picture_is_refused(reflections):
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # 48 megapixels in a few kilobytes
    assert len(out.getvalue()) < sketch.MAX_BYTES
    with pytest.raises(InvalidInput, match="te veel beeldpunten"):
        reflections.set_sketch("Anita", out.getvalue())


def test_the_photos_place_and_camera_do_not_stay_in_the_stored_file(reflections):
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif.get_ifd(0x8825)[2] = (52.0, 22.0, 0.0)  # GPSInfo: a latitude
    photo = picture("JPEG", exif=exif.tobytes())
    assert b"Telefoonmerk" in photo and Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)
    reflections.set_sketch("Anita", photo)
    stored = reflections.sketch("Anita")
    assert b"Telefoonmerk" not in stored and b"Exif" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


def test_a_large_picture_is_kept_at_most_max_side(reflections):
    reflections.set_sketch("Anita", picture("PNG", size=(4000, 1000)))
    assert Image.open(io.BytesIO(reflections.sketch("Anita"))).size == (sketch.MAX_SIDE, 600)


def test_removing_and_erasing_take_the_sketch_away(tmp_path, reflections):
    reflections.set_note("Anita", 1, "feedback", "blijft")
    reflections.set_sketch("Anita", picture())
    mine = reflections.remove_sketch("Anita")
    assert reflections.sketch("Anita") is None and mine.sketch_date is None
    assert reflections.get("Anita").principles[1].feedback == "blijft"  # the rest stays

    reflections.set_sketch("Anita", picture())
    reflections.set_sketch("Brechtje", picture())
    reflections.erase("Anita")
    assert not reflections.exists("Anita") and reflections.sketch("Anita") is None
    assert reflections.sketch("Brechtje") is not None
    left = sorted(p.name for p in (tmp_path / "reflections").iterdir()
                  if not p.name.endswith(".lock"))
    assert left == sorted([f"{name_key('Brechtje')}.json", f"{name_key('Brechtje')}.sketch"])
