# Shared by build-under-wine.sh and smoke-test-under-wine.sh (sourced, not run).
# Wine 8 from Debian 12, a 64-bit Windows 10 prefix per use, and the test set-up's stand-ins.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${SKRANKE_WINE_WORK:-$ROOT/build/wine}  # /build/ is git-ignored
CACHE=$WORK/cache
STANDINS=$WORK/standins
mkdir -p "$WORK" "$CACHE"

export WINEDEBUG=-all
# No Mono/Gecko prompts; the stand-ins replace Wine's ucrtbase and mscms (installer/README.md).
export WINEDLLOVERRIDES="mscoree,mshtml=;ucrtbase=n,b;mscms=n,b"
export WINEARCH=win64

fail() { echo "FAILED: $*" >&2; exit 1; }

# Seconds since the script started, for the timings it reports.
STARTED=$(date +%s)
lap() { echo $(($(date +%s) - STARTED)); }

# What Wine needs on a fresh Debian 12 (wine32:i386 for ISCC.exe, a 32-bit program).
wine_tools() {
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    local missing=()
    command -v wine >/dev/null 2>&1 || missing+=(wine wine64 wine32:i386)
    command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing+=(gcc-mingw-w64-x86-64)
    command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
    command -v xauth >/dev/null 2>&1 || missing+=(xauth)
    command -v xdotool >/dev/null 2>&1 || missing+=(xdotool)
    command -v import >/dev/null 2>&1 || missing+=(imagemagick)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
    command -v unzip >/dev/null 2>&1 || missing+=(unzip)
    [ ${#missing[@]} = 0 ] && return
    echo "-- apt-get install ${missing[*]}"
    if ! dpkg --print-foreign-architectures | grep -qx i386; then
        $sudo dpkg --add-architecture i386
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

# A fresh Windows 10 prefix with the stand-ins in System32 (where Windows keeps icuuc.dll,
# mscms.dll and ucrtbase.dll): new_prefix DIR
new_prefix() {
    export WINEPREFIX=$1
    rm -rf "$WINEPREFIX"
    wineboot -i >/dev/null 2>&1
    winecfg /v win10 >/dev/null 2>&1  # Python 3.13 refuses Windows 7, Wine's default
    wineserver -w
    [ -d "$STANDINS" ] || "$ROOT/installer/windows/wine-standins/build.sh" "$STANDINS"
    cp "$STANDINS"/*.dll "$WINEPREFIX/drive_c/windows/system32/"
}

# Run a Windows program; output piped, never redirected straight to a file (a redirected
# stdout gave "init_sys_streams: Invalid handle" under Wine).
win() { wine "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }

winpath() { winepath -w "$1" 2>/dev/null; }
