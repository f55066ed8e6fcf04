"""`make bundle`: a copy of the guide to share, that a colleague starts in one step.

    python scripts/bundle.py [--out dist]

Builds the site (`mkdocs build --strict`, with ALLIANCE_BUNDLE=1 and SITE_URL
http://127.0.0.1:8000/, the address its launcher serves it at) into
`<out>/alliance-guide/`, puts the launchers and a README beside index.html
(scripts/bundle/: serve.py and start files for Linux, macOS and Windows), and
zips the folder into `<out>/alliance-guide.zip`, keeping the launchers executable.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "bundle"
NAME = "alliance-guide"
SITE_URL = "http://127.0.0.1:8000/"
EXECUTABLE = ("serve.py", "start-linux.sh", "start-macos.command")


def build(out: Path) -> Path:
    folder = out / NAME
    if folder.exists():
        shutil.rmtree(folder)
    env = {**os.environ, "ALLIANCE_BUNDLE": "1", "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ALLIANCE_DEPLOY", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
               "-d", str(folder)]
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the bundle's build failed (exit {result.returncode}); see the output above")
    for template in sorted(TEMPLATES.iterdir()):
        target = folder / template.name
        if target.exists():
            raise SystemExit(f"{target} would overwrite a page of the site: rename {template}")
        shutil.copy2(template, target)
    return folder


def archive(folder: Path) -> Path:
    target = folder.with_suffix(".zip")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            info = zipfile.ZipInfo.from_file(path, f"{NAME}/{path.relative_to(folder).as_posix()}")
            mode = 0o755 if path.name in EXECUTABLE else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, path.read_bytes())
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "dist",
                        help="where to write the bundle (default dist/)")
    args = parser.parse_args(argv)
    folder = build(args.out)
    zipped = archive(folder)
    size = zipped.stat().st_size / 1e6
    print(f"Bundle: {folder}/ and {zipped} ({size:.0f} MB). Share the zip; the colleague unzips it "
          "and starts the file for their system (see README.txt inside).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
