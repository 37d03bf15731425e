"""Build hook: compile the HTML walk (checker/documents/_walk.pyx, Cython) into the wheel.

Optional by design: without Cython, lxml's headers or a C compiler, or when the compilation
fails, it prints one warning line and the wheel stays pure Python (checker then walks HTML in
Python, three times slower). A normal wheel gets the extension from a temporary build folder;
an editable install (`pip install -e`) builds it in place, next to the .pyx (gitignored).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULE = "checker.documents._walk"
SOURCE = Path("checker", "documents", "_walk.pyx")


def compile_walk(root: Path, out: Path | None) -> Path:
    """Cythonize and compile the walk; into `out`, or in place when `out` is None. Returns the
    path of the extension module."""
    import lxml
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    here = os.getcwd()
    os.chdir(root)  # build_ext places an in-place build relative to the working directory
    try:
        # No debugging information: it would make the module five times larger.
        flags = [] if sys.platform == "win32" else ["-g0", "-Wno-unused-function"]
        extension = Extension(MODULE, [str(SOURCE)], include_dirs=lxml.get_include(), extra_compile_args=flags)
        modules = cythonize([extension], quiet=True, compiler_directives={"language_level": 3})
        command = build_ext(Distribution({"ext_modules": modules}))
        command.inplace = out is None
        with tempfile.TemporaryDirectory() as temp:
            command.build_temp = temp
            command.build_lib = str(Path(temp, "lib") if out is None else out)  # in place: copied from there
            command.ensure_finalized()
            command.run()
        return Path(root, command.get_ext_fullpath(MODULE)) if out is None else Path(command.get_ext_fullpath(MODULE))
    finally:
        os.chdir(here)


class CompiledWalkHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        editable = version == "editable"
        out = None if editable else Path(self.directory, ".compiled-walk")
        try:
            built = compile_walk(Path(self.root), out)
        except Exception as error:  # any failure leaves the pure-Python package
            reason = " ".join(str(error).split())[:160] or type(error).__name__
            print(
                f"warning: checker's compiled HTML walk not built ({reason}); the Python walk is used", file=sys.stderr
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if not editable:
            build_data["force_include"][str(built)] = f"checker/documents/{built.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self.target_name == "wheel" and version != "editable":
            import shutil

            shutil.rmtree(Path(self.directory, ".compiled-walk"), ignore_errors=True)
