"""``m2m package``: build a wheel of the learner's own BrainInABox.

The wheel holds the library a learner wrote across the course, nothing else: the core
(``shared/`` without the dataset loaders and the plotting helpers, which need the
course's data and matplotlib) as ``braininabox._core``, and the P11 package (without its
demo and example scripts) as ``braininabox`` itself. Its only dependency is NumPy.

Which code goes in follows the grading rule: for the learner tree, each file's graded
text (the pristine generated file with the learner's answers put back, as ``m2m grade``
sees it); with ``--impl solutions``, the reference. Imports are rewritten from the
course's tree-neutral names (``shared.``, ``projects.p11_braininabox``) to the wheel's
(``braininabox._core.``, ``braininabox``), so the installed library needs no course
checkout and no ``sys.path`` edits.

The wheel is written directly (a zip with ``*.dist-info``: METADATA, WHEEL, RECORD), so
building needs neither network nor build tools.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tokenize
import zipfile
from pathlib import Path

from m2m import impl as _impl

NAME = "braininabox"
VERSION = "0.1.0"
PROJECT_DIR = "projects/p11_braininabox"
#: Core modules left out of the wheel: they need the course's data files or matplotlib.
CORE_EXCLUDED = {"shared/datasets.py", "shared/plotting.py"}
#: Parts of the P11 package left out: scripts that need the course's datasets.
PROJECT_EXCLUDED = ("demo.py", "__main__.py", "examples/", "README.md")

_RENAMED = {"shared": f"{NAME}._core", "projects.p11_braininabox": NAME}


def _wanted(rel: str) -> bool:
    if not rel.endswith(".py"):
        return False
    if rel.startswith("shared/"):
        return rel not in CORE_EXCLUDED
    if rel.startswith(PROJECT_DIR + "/"):
        inner = rel[len(PROJECT_DIR) + 1 :]
        return not any(inner == p or inner.startswith(p) for p in PROJECT_EXCLUDED)
    return False


def _import_targets(text: str) -> list[tuple[int, int, int, str]]:
    """``(row, start col, end col, dotted name)`` of the module named right after each
    ``import`` / ``from`` that opens a statement, found with the tokenizer, so strings and
    comments are never touched."""
    found = []
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    opens = (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING)
    for k, tok in enumerate(tokens):
        before = tokens[k - 1] if k else None
        starts = before is None or before.type in opens or before.string == ";"
        if tok.type != tokenize.NAME or tok.string not in ("import", "from") or not starts:
            continue
        j, parts = k + 1, []
        while j < len(tokens) and tokens[j].type == tokenize.NAME:  # a dotted name
            parts.append(tokens[j])
            if j + 1 == len(tokens) or tokens[j + 1].string != ".":
                break
            j += 2
        if parts:
            name = ".".join(p.string for p in parts)
            found.append((parts[0].start[0], parts[0].start[1], parts[-1].end[1], name))
    return found


def rewrite_imports(text: str) -> str:
    """``from shared.x``/``import shared`` -> ``braininabox._core``; the P11 package ->
    ``braininabox``. Only the module names of import statements are touched."""
    lines = text.splitlines(keepends=True)
    for row, start, end, name in reversed(_import_targets(text)):
        for old, new in _RENAMED.items():
            if name == old or name.startswith(old + "."):
                line = lines[row - 1]
                lines[row - 1] = line[:start] + new + name[len(old) :] + line[end:]
                break
    return "".join(lines)


def _archive_name(rel: str) -> str:
    if rel.startswith("shared/"):
        return f"{NAME}/_core/{rel[len('shared/') :]}"
    return f"{NAME}/{rel[len(PROJECT_DIR) + 1 :]}"


def library_files(root: Path, impl: str | None = None) -> dict[str, str]:
    """archive path -> source text of every module that goes into the wheel."""
    from m2m.release.tree import Source, graded_file

    choice = _impl.resolve(impl)
    source = Source(root)
    out: dict[str, str] = {}
    for rel, sf in sorted(source.files.items()):
        if not _wanted(rel):
            continue
        if choice == "solutions":
            text = sf.data.decode("utf-8")
        else:
            path = root / rel
            learner = path.read_text(encoding="utf-8") if path.is_file() else None
            text, _ = graded_file(source, rel, learner)
        out[_archive_name(rel)] = rewrite_imports(text)
    if f"{NAME}/__init__.py" not in out:
        raise FileNotFoundError(f"no {PROJECT_DIR}/__init__.py in the {choice} tree")
    return out


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(root: Path, out_dir: Path, impl: str | None = None) -> Path:
    """Write ``braininabox-<version>-py3-none-any.whl`` into ``out_dir``; returns its path."""
    files = {name: text.encode("utf-8") for name, text in library_files(root, impl).items()}
    info = f"{NAME}-{VERSION}.dist-info"
    files[f"{info}/METADATA"] = (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\n"
        f"Version: {VERSION}\n"
        "Summary: A small PyTorch-style deep-learning library on NumPy, written across "
        "the From Math to Machine course.\n"
        "Requires-Python: >=3.11\n"
        "Requires-Dist: numpy>=1.26\n"
    ).encode()
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: m2m package\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{info}/top_level.txt"] = f"{NAME}\n".encode()
    record = [_record_line(name, data) for name, data in files.items()]
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{NAME}-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            # A fixed date: the same sources give the same wheel, byte for byte.
            entry = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return wheel
