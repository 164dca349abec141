"""Writing Office files safely: atomic replace, reproducible zips, XML-safe text."""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Any

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Characters XML 1.0 forbids; \x0b (a soft line break pasted from Word/Excel) becomes a newline.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text that python-docx/pptx/openpyxl can store: soft breaks → newlines, other control chars dropped."""
    return _ILLEGAL_XML.sub("", text.replace("\x0b", "\n"))


def has_illegal_xml(text: str) -> bool:
    return "\x0b" in text or bool(_ILLEGAL_XML.search(text))


def reproducible_zip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """The same zip with fixed entry times and a stable order ([Content_Types].xml first), so equal inputs give
    equal bytes; entries named in REPLACE get the given content.

    An entry the library has already deflated is copied as it is (its compressed bytes, size and checksum), not
    inflated and deflated again: the same bytes as compressing it anew (zipfile's default level, as the libraries
    use), for a fifth of a document's save time."""
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = {info.filename: info for info in source.infolist()}
    order = sorted(infos, key=lambda n: (n != "[Content_Types].xml", not n.startswith("_rels/"), n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            old = infos[name]
            raw = None if name in replace else _deflated_bytes(data, old)
            if raw is None:
                target.writestr(info, replace[name] if name in replace else source.read(name))
            else:
                _write_deflated(target, info, old, raw)
    return out.getvalue()


_SMALL = 1 << 30            # entries below this size never need ZIP64 headers
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")    # a zip entry's local header (APPNOTE 4.3.7): 30 bytes
_LOCAL_SIGNATURE = b"PK\x03\x04"


def _deflated_bytes(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The compressed bytes of entry INFO of the zip DATA, when they can be copied as they are: deflated, no data
    descriptor, not encrypted, small; else None."""
    if (info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x09 or info.file_size >= _SMALL
            or info.compress_size >= _SMALL):
        return None
    offset = info.header_offset
    header = _LOCAL_HEADER.unpack_from(data, offset)
    if header[0] != _LOCAL_SIGNATURE:
        return None
    start = offset + _LOCAL_HEADER.size + header[10] + header[11]    # after the name and the extra field
    return data[start:start + info.compress_size]


def _write_deflated(target: zipfile.ZipFile, info: zipfile.ZipInfo, old: zipfile.ZipInfo, raw: bytes) -> None:
    """Entry INFO written into TARGET with the already compressed RAW bytes of OLD (what `writestr` writes for
    the same content, without compressing it again)."""
    _write_compressed(target, info, old.CRC, old.file_size, raw)


def _write_compressed(target: zipfile.ZipFile, info: zipfile.ZipInfo, crc: int, size: int, raw: bytes) -> None:
    """Entry INFO written into TARGET as RAW, its content (SIZE bytes, checksum CRC) already deflated."""
    info.CRC, info.compress_size, info.file_size, info.flag_bits = crc, len(raw), size, 0
    info.header_offset = target.fp.tell()          # type: ignore[union-attr]
    target.fp.write(info.FileHeader(False))        # type: ignore[union-attr]
    target.fp.write(raw)                           # type: ignore[union-attr]
    target.filelist.append(info)
    target.NameToInfo[info.filename] = info
    target.start_dir = target.fp.tell()            # type: ignore[attr-defined, union-attr]
    target._didModify = True                       # type: ignore[attr-defined]


def _umask() -> int:
    """The process's umask (read by setting it and putting it back: there is no other way to read it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> Path:
    """Write DATA to PATH through a temporary file in the same folder and a rename: never a half-written file.
    The file gets the permissions any program's new file gets (0644 under umask 0022), not mkstemp's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def reproducible_workbook(book, stamp: dt.datetime) -> bytes:
    """An openpyxl workbook as reproducible bytes: created/modified set to STAMP (a date from the data). openpyxl
    writes the save time into docProps/core.xml whatever `modified` says, so that part is written again."""
    from openpyxl.xml.functions import tostring  # here: writing a build's manifest needs no openpyxl

    book.properties.created = book.properties.modified = stamp
    data = save_to_bytes(book)
    book.properties.modified = stamp
    return reproducible_zip(data, {"docProps/core.xml": tostring(book.properties.to_tree())})


def save_to_bytes(document) -> bytes:
    """Save a python-docx / python-pptx / openpyxl object into memory."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- writing a python-docx / python-pptx package straight into a reproducible zip -----------------------------------

_DEFLATED: dict[bytes, tuple[int, bytes]] = {}      # content → (CRC, deflated bytes): a template's parts, mostly
_DEFLATED_LIMIT = 48_000_000                         # bytes of content remembered; all forgotten beyond it


class _Members:
    """A stand-in for the libraries' zip writers: keeps what they would write, by member name, uncompressed."""

    def __init__(self) -> None:
        self.members: dict[str, bytes] = {}

    def __enter__(self) -> _Members:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, pack_uri, blob: bytes) -> None:
        self.members[pack_uri.membername] = blob


def _pptx_members(presentation) -> dict[str, bytes]:
    """What `Presentation.save` writes (pptx.opc.package.OpcPackage.save, serialized.PackageWriter._write)."""
    from pptx.opc.serialized import PackageWriter

    package = presentation.part.package
    writer = PackageWriter(None, package._rels, tuple(package.iter_parts()))   # type: ignore[arg-type]
    out = _Members()
    writer._write_content_types_stream(out)                 # type: ignore[arg-type]
    writer._write_pkg_rels(out)                             # type: ignore[arg-type]
    writer._write_parts(out)                                # type: ignore[arg-type]
    return out.members


def _docx_members(document) -> dict[str, bytes]:
    """What `Document.save` writes (docx.opc.package.OpcPackage.save, pkgwriter.PackageWriter.write)."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    out = _Members()
    PackageWriter._write_content_types_stream(out, package.parts)
    PackageWriter._write_pkg_rels(out, package.rels)
    PackageWriter._write_parts(out, package.parts)          # type: ignore[arg-type]
    return out.members


def _deflate(data: bytes) -> tuple[int, bytes]:
    """DATA's CRC and its deflated bytes as zipfile writes them (default level, raw deflate), remembered by content:
    the same template part in every document is compressed once per process."""
    known = _DEFLATED.get(data)
    if known is None:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        known = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
        if sum(map(len, _DEFLATED)) + len(data) > _DEFLATED_LIMIT:
            _DEFLATED.clear()
        _DEFLATED[data] = known
    return known


_WRITTEN_ONCE: dict[type, type] = {}


def written_once(cls: Any) -> type:
    """A subclass of the python-docx / python-pptx XML part class CLS whose bytes are serialised on first use and
    then kept: for a template's part that many documents share and none changes (its class then names the
    original as `shared_from`)."""
    if cls not in _WRITTEN_ONCE:
        serialise = cls.blob.fget

        def blob(self: Any) -> bytes:
            written = self.__dict__.get("_written")
            if written is None:
                written = self.__dict__["_written"] = serialise(self)
            return written

        _WRITTEN_ONCE[cls] = type(f"Shared{cls.__name__}", (cls,), {"blob": property(blob), "shared_from": cls})
    return _WRITTEN_ONCE[cls]


def package_bytes(document) -> bytes:
    """`reproducible_zip(save_to_bytes(DOCUMENT))`, the same bytes, for a python-pptx Presentation, a python-docx
    Document or a docxtpl template: the parts go into the zip without being written to an intermediate one, and a
    part's content compressed before in this process (the template's styles, layouts, theme …) is not compressed
    again. A docxtpl template with pictures or media to replace is saved the library's way."""
    if hasattr(document, "slide_layouts"):
        members = _pptx_members(document)
    else:
        template = document
        if hasattr(template, "pics_to_replace"):       # docxtpl: its own steps around saving must have nothing to do
            if (template.pics_to_replace or template.crc_to_new_media or template.crc_to_new_embedded
                    or template.zipname_to_replace):
                return reproducible_zip(save_to_bytes(template))
            template.is_saved = True
            document = template.docx
        members = _docx_members(document)
    order = sorted(members, key=lambda n: (n != "[Content_Types].xml", not n.startswith("_rels/"), n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order:
            write_member(target, name, members[name])
    return out.getvalue()


def write_member(target: zipfile.ZipFile, name: str, data: bytes, remember: bool = True) -> None:
    """DATA as the entry NAME of TARGET, the same bytes `writestr` writes for a reproducible zip (deflated, the
    fixed time, mode 0600); compressed once per process for the same content when REMEMBER (a template's part, a
    constant), else compressed here."""
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    if remember:
        crc, raw = _deflate(data)
    else:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        crc, raw = zlib.crc32(data), compressor.compress(data) + compressor.flush()
    if len(data) >= _SMALL or len(raw) >= _SMALL:
        target.writestr(info, data)
        return
    _write_compressed(target, info, crc, len(data), raw)
