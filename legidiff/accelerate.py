"""The optional accelerator: the modules of the parse and of the apply stages compiled by
Cython.

    pip install -e ".[fast]"                # Cython (a C compiler is needed too)
    python -m legidiff.accelerate           # build it (a few minutes; --jobs N)
    python -m legidiff.accelerate --status  # which modules run compiled
    python -m legidiff.accelerate --remove  # back to pure Python

The modules are compiled as they are written — plain Python, their annotations not taken
as C types (``annotation_typing`` off) — so they behave as the pure modules do, calls
and objects cost less (the LALR loop of ``bill/grammar.py`` and its rules' reductions
alone are typed, by ``bill/grammar.pxd`` beside it, each name with the type it always
has);
``tests/test_accelerator.py`` compares the two on the corpus (the parse) and on real
consolidations (the apply). Nothing else depends on it: without it
(no Cython, no compiler, a failed build, a source edited since the build,
``LEGIDIFF_PURE=1``), the pure Python modules are used, with the same results (see
:mod:`legidiff._compiled`: each package's compiled copies are used all or none)."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from legidiff._compiled import FOLDER, MANIFEST, source_digest

# the modules compiled, by package: the stages a bill goes through (reading its sentences,
# then applying its operations) and the lower modules they call for each instruction: the
# document model and the reader of the articles a bill writes. The readers and writers of
# whole bases, the renderers and this machinery stay pure Python
PACKAGES: dict[str, tuple[str, ...]] = {
    "lang": ("codes", "matching", "numbering", "text", "vocabulary"),
    "document": ("locator", "model", "structure"),
    "formats": ("blocks",),
    "bill": ("grammar", "sentence", "build", "text", "parse", "operations"),
    "apply": ("consolidate", "content", "move", "numbering", "prefix", "target", "units",
              "words", "worktree"),
}
MODULES = tuple(f"{package}.{name}" for package, names in PACKAGES.items() for name in names)
"""Every compiled module, as ``package.module``."""
DIRECTIVES = {"language_level": 3, "annotation_typing": False, "binding": True}
ROOT = Path(__file__).resolve().parent


class BuildError(Exception):
    """The accelerator could not be built (the pure modules stay in use)."""


def _source(module: str) -> Path:
    package, name = module.split(".")
    return ROOT / package / f"{name}.py"


def build(jobs: int = 1) -> list[Path]:
    """Compile :data:`PACKAGES` into each package's ``_accel/`` and write their manifests;
    the compiled files. Raises :class:`BuildError` (Cython or the compiler missing, a
    failed compilation): then nothing of a previous build is left."""
    try:
        cython_build: Any = importlib.import_module("Cython.Build")
        setuptools: Any = importlib.import_module("setuptools")
    except ImportError as e:
        raise BuildError(f"Cython and setuptools are needed: pip install -e \".[fast]\" ({e})"
                         ) from None
    remove()
    digests = {module: source_digest(_source(module)) for module in MODULES}
    with tempfile.TemporaryDirectory(prefix="legidiff-accel-") as tmp:
        try:
            extensions = cython_build.cythonize(
                [str(_source(module)) for module in MODULES], build_dir=str(Path(tmp, "c")),
                compiler_directives=DIRECTIVES, quiet=True, nthreads=max(jobs, 1))
            if sys.platform != "win32":
                for extension in extensions:  # the warnings of gcc on Cython's own code
                    extension.extra_compile_args = [*extension.extra_compile_args, "-w"]
            dist = setuptools.Distribution({"ext_modules": extensions})
            command = dist.get_command_obj("build_ext")
            command.build_lib = str(Path(tmp, "lib"))
            command.build_temp = str(Path(tmp, "obj"))
            command.parallel = jobs
            dist.run_command("build_ext")
            outputs = [Path(p) for p in command.get_outputs()]
        except (Exception, SystemExit) as e:  # Cython's and distutils' errors
            raise BuildError(f"the compilation failed: {e}") from None
        # each output is lib/legidiff/<package>/<module>.<tag>.so
        built_modules = {f"{p.parent.name}.{p.name.split('.')[0]}": p for p in outputs}
        if set(built_modules) != set(MODULES) or digests != {
                module: source_digest(_source(module)) for module in MODULES}:
            raise BuildError("the compilation did not give every module (or a source "
                             "changed meanwhile)")
        built = []
        for module, path in built_modules.items():
            folder = ROOT / module.split(".")[0] / FOLDER
            folder.mkdir(exist_ok=True)
            shutil.copy2(path, folder / path.name)
            built.append(folder / path.name)
    # the manifests last: a package's compiled modules are used only once its is written
    for package, names in PACKAGES.items():
        manifest = {"python": sys.implementation.cache_tag,
                    "modules": {name: digests[f"{package}.{name}"] for name in names}}
        (ROOT / package / FOLDER / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n",
                                                        "utf-8")
    return built


def remove() -> None:
    """Remove the compiled modules (the pure ones are used again)."""
    for package in PACKAGES:
        shutil.rmtree(ROOT / package / FOLDER, ignore_errors=True)


def status() -> dict[str, str]:
    """Each module of :data:`MODULES` and the file a fresh Python loads it from."""
    code = ("import importlib, json\n"
            f"print(json.dumps({{m: importlib.import_module('legidiff.' + m).__file__ "
            f"for m in {list(MODULES)!r}}}))")
    # this package's own copy, wherever it is run from
    path = os.pathsep.join([str(ROOT.parent), *filter(None, [os.environ.get("PYTHONPATH")])])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=tempfile.gettempdir(),
                          env={**os.environ, "PYTHONPATH": path})
    files: dict[str, str] = json.loads(done.stdout)
    return files


def compiled_in_use() -> list[str]:
    """The modules of :data:`MODULES` this process runs compiled (``package.module``)."""
    found = []
    for module in MODULES:
        loaded = sys.modules.get(f"legidiff.{module}")
        if loaded is not None and not str(loaded.__file__).endswith(".py"):
            found.append(module)
    return found


def main(argv: list[str] | None = None, prog: str = "python -m legidiff.accelerate") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--status", action="store_true", help="which modules run compiled")
    parser.add_argument("--remove", action="store_true", help="remove the compiled modules")
    parser.add_argument("--jobs", type=int, default=1, help="compilations at once")
    args = parser.parse_args(argv)
    if args.remove:
        remove()
        print("accelerator removed: pure Python modules in use")
        return 0
    if not args.status:
        try:
            built = build(args.jobs)
        except BuildError as e:
            print(f"accelerator not built: {e}; the pure Python modules are used",
                  file=sys.stderr)
            return 1
        print(f"accelerator built: {len(built)} modules in "
              f"{', '.join(str(ROOT / p / FOLDER) for p in PACKAGES)}")
    files = status()
    compiled = [name for name, file in files.items() if not file.endswith(".py")]
    print(f"compiled in use: {', '.join(compiled) or 'none'}"
          f" ({len(compiled)} of {len(files)} modules)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
