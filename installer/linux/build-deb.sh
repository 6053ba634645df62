#!/usr/bin/env bash
# Build dist/skranke_<version>_<arch>.deb: the PyInstaller folder under /opt/skranke, a
# /usr/bin/skranke link, the desktop entry and the icons. Run from anywhere:
#
#     installer/linux/build-deb.sh            # PyInstaller build, then the package
#     installer/linux/build-deb.sh --reuse    # package the dist/skranke/ that is already there
#
# Needs uv (the project's environment, with PyInstaller from the dev group) and dpkg-dev
# (installed when missing, as root). Prints how long each part took.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=installer/linux

reuse=false
if [ "${1:-}" = "--reuse" ]; then reuse=true; fi

# dpkg-dev brings dpkg-deb and binutils' readelf (tests/installer reads the build's libraries).
if ! command -v dpkg-deb >/dev/null 2>&1 || ! command -v readelf >/dev/null 2>&1; then
    SUDO=""; if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null
fi

started=$(date +%s)
if ! $reuse || [ ! -x dist/skranke/skranke ]; then
    echo "-- PyInstaller (installer/skranke.spec -> dist/skranke/)"
    uv run --locked pyinstaller --noconfirm --clean --log-level WARN \
        --distpath dist --workpath build/pyinstaller installer/skranke.spec
fi
# Debug symbols out (libpython from the builder's pyenv alone is 23 MB instead of 5): every
# ELF file but those auditwheel patched (the wheels' *.libs/ and modules with an RPATH to
# them), which stop loading when stripped ("ELF load command address/offset not page-aligned").
find dist/skranke/_internal -type f \( -name '*.so' -o -name '*.so.*' \) ! -path '*.libs/*' -print0 \
    | while IFS= read -r -d '' library; do
        readelf -d "$library" 2>/dev/null | grep -q 'R.*PATH.*\.libs' && continue
        strip --strip-debug "$library" 2>/dev/null || true
    done
built=$(date +%s)

version=$(uv run --locked python -c \
    "from skranke.identity import package_version; print(package_version())")
app_id=$(uv run --locked python -c "from skranke.identity import APP_ID; print(APP_ID)")
arch=$(dpkg --print-architecture)
stage=build/deb/skranke_${version}_${arch}
deb=dist/skranke_${version}_${arch}.deb

echo "-- staging $stage"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/doc/skranke"
cp -a dist/skranke "$stage/opt/skranke"
ln -s /opt/skranke/skranke "$stage/usr/bin/skranke"
sed "s/@APP_ID@/$app_id/g" "$HERE/skranke.desktop" \
    > "$stage/usr/share/applications/$app_id.desktop"
for png in resources/icons/skranke-*.png; do
    size=${png##*-}; size=${size%.png}
    mkdir -p "$stage/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$stage/usr/share/icons/hicolor/scalable/apps"
cp resources/icons/skranke.svg "$stage/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
cp docs/install.md "$stage/usr/share/doc/skranke/install.md"
# Licences of Skranke and of what it bundles (lintian: no-copyright-file otherwise).
cp installer/licenses/copyright "$stage/usr/share/doc/skranke/copyright"
installed_kib=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
    "$HERE/control" > "$stage/DEBIAN/control"
# Files are root's and world-readable whoever builds (umask, uv's cache, CI's checkout).
chmod -R u=rwX,go=rX "$stage"

echo "-- dpkg-deb"
mkdir -p dist
rm -f dist/skranke_*.deb
# zstd -3 (dpkg >= 1.21.18, Debian 12): 4 s and 112 MiB here, against 42 s and 116 MiB for
# gzip -6; CI pays this on every run.
dpkg-deb --root-owner-group -Zzstd -z3 --build "$stage" "$deb" >/dev/null
done_at=$(date +%s)

echo "built $deb: $(du -h "$deb" | cut -f1) package, $(du -sh dist/skranke | cut -f1) installed"
echo "time: PyInstaller $((built - started)) s, package $((done_at - built)) s"
