"""Can the window open here? Asked before Qt is loaded, so a missing piece gets a message, not an abort.

Qt aborts the process (SIGABRT, a core dump and an English hint that may name
the wrong library) when its platform plugin cannot load or cannot reach a
display. On Linux this module checks first, with no Qt import: is there a
display at all, can the X server be reached, and can every system library
the platform plugin needs be loaded (the plugin's ELF `DT_NEEDED` entries,
followed through Qt's own libraries, each tried with `dlopen` as Qt would).
What is missing is named with the Debian package that holds it.

Other systems (Windows, macOS) and explicit non-desktop platforms
(`offscreen`, `minimal`, `vnc`, ...) are not checked.
"""

from __future__ import annotations

import ctypes
import mmap
import os
import re
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

# The libraries Qt's xcb and wayland plugins (and Qt itself) load, by soname without its version,
# and the Debian/Ubuntu package that has them. `.ci/run` installs the same set.
PACKAGES = {
    "libxcb-icccm.so": "libxcb-icccm4",
    "libxcb-keysyms.so": "libxcb-keysyms1",
    "libxcb-cursor.so": "libxcb-cursor0",
    "libxcb-image.so": "libxcb-image0",
    "libxcb-render-util.so": "libxcb-render-util0",
    "libxcb-xinerama.so": "libxcb-xinerama0",
    "libxcb-xkb.so": "libxcb-xkb1",
    "libxcb-randr.so": "libxcb-randr0",
    "libxcb-shape.so": "libxcb-shape0",
    "libxcb-shm.so": "libxcb-shm0",
    "libxcb-sync.so": "libxcb-sync1",
    "libxcb-xfixes.so": "libxcb-xfixes0",
    "libxcb-render.so": "libxcb-render0",
    "libxcb-util.so": "libxcb-util1",
    "libxcb-glx.so": "libxcb-glx0",
    "libxcb-xinput.so": "libxcb-xinput0",
    "libxcb.so": "libxcb1",
    "libX11-xcb.so": "libx11-xcb1",
    "libX11.so": "libx11-6",
    "libXau.so": "libxau6",
    "libXdmcp.so": "libxdmcp6",
    "libxkbcommon-x11.so": "libxkbcommon-x11-0",
    "libxkbcommon.so": "libxkbcommon0",
    "libEGL.so": "libegl1",
    "libGL.so": "libgl1",
    "libGLX.so": "libglx0",
    "libOpenGL.so": "libopengl0",
    "libfontconfig.so": "libfontconfig1",
    "libfreetype.so": "libfreetype6",
    "libdbus-1.so": "libdbus-1-3",
    "libglib-2.0.so": "libglib2.0-0",
    "libgthread-2.0.so": "libglib2.0-0",
    "libwayland-client.so": "libwayland-client0",
    "libwayland-cursor.so": "libwayland-cursor0",
    "libwayland-egl.so": "libwayland-egl1",
}
CHECKED_PLATFORMS = ("xcb", "wayland")
_MISSING = re.compile(r"(lib[^\s:/]+\.so[.0-9]*): cannot open shared object file")


@dataclass(frozen=True)
class DisplayProblem:
    message: str  # for the operator, in Bahasa Indonesia
    packages: tuple[str, ...] = ()


def package_of(soname: str) -> str | None:
    base = re.sub(r"(\.so)[.0-9]*$", r"\1", soname)
    return PACKAGES.get(base)


def install_hint(sonames: list[str]) -> tuple[str, tuple[str, ...]]:
    packages = tuple(dict.fromkeys(p for p in map(package_of, sonames) if p))
    unknown = [s for s in sonames if package_of(s) is None]
    hint = f"Pasang dengan perintah ini, lalu buka LAPOR! Desa lagi:\n  sudo apt install {' '.join(packages)}"
    if unknown:
        hint += f"\nPustaka lain yang juga belum ada: {', '.join(unknown)}."
    return (hint if packages else f"Pustaka yang belum ada: {', '.join(unknown)}."), packages


# -- which platform Qt will pick ------------------------------------------------------------------


def requested_platforms(argv: list[str], environ: dict[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order, as `QGuiApplication` decides it on Linux."""
    for index, arg in enumerate(argv):
        if arg in ("-platform", "--platform") and index + 1 < len(argv):
            return [argv[index + 1].split(":")[0]]
    explicit = environ.get("QT_QPA_PLATFORM", "")
    if explicit:
        return [name.split(":")[0] for name in explicit.split(";") if name]
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


# -- what a plugin needs ---------------------------------------------------------------------------


def needed_libraries(path: Path) -> list[str]:
    """The `DT_NEEDED` sonames of a 64- or 32-bit little-endian ELF file ([] when it is not one).

    The file is mapped, not read: only its headers and string table are touched (Qt's ICU data
    library alone is 30 MB).
    """
    with path.open("rb") as file:
        try:
            data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file
            return []
        with data:
            return _needed(data)


def _needed(data: mmap.mmap) -> list[str]:
    if data[:4] != b"\x7fELF" or data[5] != 1:
        return []
    wide = data[4] == 2
    if wide:
        phoff, phentsize, phnum = (
            struct.unpack_from("<Q", data, 0x20)[0],
            *struct.unpack_from("<HH", data, 0x36),
        )
        entry, dyn_size = "<IIQQQQQQ", 16
    else:
        phoff, phentsize, phnum = (
            struct.unpack_from("<I", data, 0x1C)[0],
            *struct.unpack_from("<HH", data, 0x2A),
        )
        entry, dyn_size = "<IIIIIIII", 8
    loads: list[tuple[int, int, int]] = []
    dynamic: tuple[int, int] | None = None
    for number in range(phnum):
        fields = struct.unpack_from(entry, data, phoff + number * phentsize)
        if wide:
            kind, offset, vaddr, filesz = fields[0], fields[2], fields[3], fields[5]
        else:
            kind, offset, vaddr, filesz = fields[0], fields[1], fields[2], fields[4]
        if kind == 1:  # PT_LOAD
            loads.append((vaddr, offset, filesz))
        elif kind == 2:  # PT_DYNAMIC
            dynamic = (offset, filesz)
    if dynamic is None:
        return []
    pair = "<qQ" if wide else "<iI"
    tags: list[tuple[int, int]] = []
    for position in range(dynamic[0], dynamic[0] + dynamic[1], dyn_size):
        tag, value = struct.unpack_from(pair, data, position)
        if tag == 0:
            break
        tags.append((tag, value))
    strtab = next((value for tag, value in tags if tag == 5), None)  # DT_STRTAB, a virtual address
    if strtab is None:
        return []
    base = next(
        (offset + strtab - vaddr for vaddr, offset, size in loads if vaddr <= strtab < vaddr + size), None
    )
    if base is None:
        return []
    names = []
    for tag, value in tags:
        if tag == 1:  # DT_NEEDED
            end = data.find(b"\0", base + value)
            names.append(data[base + value : end].decode("utf-8", "replace"))
    return names


def missing_libraries(plugin: Path) -> list[str]:
    """System libraries `plugin` needs (directly or through Qt's own libraries) that cannot be loaded."""
    qt_lib = plugin.parent.parent.parent / "lib"
    bundle = Path(getattr(sys, "_MEIPASS", "")) if getattr(sys, "frozen", False) else None
    queue, seen, missing = [plugin], set(), []
    while queue:
        for soname in needed_libraries(queue.pop()):
            if soname in seen:
                continue
            seen.add(soname)
            shipped = next(
                (d / soname for d in (qt_lib, bundle) if d is not None and (d / soname).is_file()), None
            )
            if shipped is not None:
                queue.append(shipped)  # Qt's own (or the bundle's): look at what it needs in turn
                continue
            try:
                ctypes.CDLL(soname)
            except OSError as error:
                found = _MISSING.search(str(error))
                missing.append(found.group(1) if found else soname)
    return list(dict.fromkeys(missing))


def plugin_file(platform: str, environ: dict[str, str]) -> Path | None:
    """Where Qt will load the platform plugin from: QT_QPA_PLATFORM_PLUGIN_PATH, else PySide6's own."""
    name = f"libq{platform}.so"
    folders = [Path(p) for p in environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(os.pathsep) if p]
    folders += [Path(p) / "platforms" for p in environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    folders.append(_pyside_dir() / "Qt" / "plugins" / "platforms")
    return next((folder / name for folder in folders if (folder / name).is_file()), None)


def _pyside_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "PySide6"
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    origin = spec.origin if spec is not None else None
    return Path(origin).parent if origin else Path()


# -- can the display be reached --------------------------------------------------------------------


def x_server_reachable(display: str) -> bool:
    """Whether libxcb connects to `display` (a missing libxcb is reported as a library instead)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


# -- the verdict -----------------------------------------------------------------------------------

NO_DISPLAY = (
    "LAPOR! Desa tidak dapat membuka jendela: komputer ini tidak menjalankan layar grafis "
    "(DISPLAY dan WAYLAND_DISPLAY kosong). Buka LAPOR! Desa dari desktop, misalnya lewat menu "
    "aplikasi. Tanpa layar, perintah baris tetap bisa dipakai, misalnya: lapor-desktop report list"
)
NO_SERVER = (
    "LAPOR! Desa tidak dapat membuka jendela: layar {0} tidak dapat dihubungi. Pastikan desktop sudah "
    "berjalan dan isi DISPLAY benar (misalnya :0), lalu coba lagi."
)
MISSING = (
    "LAPOR! Desa tidak dapat membuka jendela karena pustaka sistem untuk tampilan ({0}) belum terpasang.\n{1}"
)


def display_problem(
    argv: list[str], environ: dict[str, str] | None = None, *, platform: str = sys.platform
) -> DisplayProblem | None:
    """Why the window cannot open here, or None when it can (or this system is not checked)."""
    if not platform.startswith("linux"):
        return None
    env = dict(os.environ if environ is None else environ)
    wanted = requested_platforms(argv, env)
    if not any(name in CHECKED_PLATFORMS for name in wanted):
        return None  # offscreen, minimal, vnc, eglfs...: nothing on a desktop to check
    usable = [
        name
        for name in wanted
        if (name == "xcb" and env.get("DISPLAY")) or (name == "wayland" and env.get("WAYLAND_DISPLAY"))
    ]
    if not usable:
        return DisplayProblem(NO_DISPLAY)
    name = usable[0]
    plugin = plugin_file(name, env)
    if plugin is not None:
        missing = missing_libraries(plugin)
        if missing:
            hint, packages = install_hint(missing)
            return DisplayProblem(MISSING.format(", ".join(missing), hint), packages)
    if name == "xcb" and not x_server_reachable(env["DISPLAY"]):
        return DisplayProblem(NO_SERVER.format(env["DISPLAY"]))
    return None


def qt_import_problem(error: ImportError) -> DisplayProblem | None:
    """Qt itself would not load because a system library it links against is missing (else None)."""
    found = _MISSING.search(str(error))
    if found is None:
        return None
    soname = found.group(1)
    hint, packages = install_hint([soname])
    return DisplayProblem(MISSING.format(soname, hint), packages)
