#!/usr/bin/env bash
# Build the test set-up's stand-ins for what Wine 8 lacks (never part of the installer):
#     installer/windows/wine-standins/build.sh OUT_DIR
# writes OUT_DIR/icuuc.dll, mscms.dll, ucrtbase.dll and ucrtwine.dll (Wine's own ucrtbase.dll,
# renamed, which the ucrtbase.dll stand-in forwards to). Needs gcc-mingw-w64-x86-64 and wine64.
# installer/README.md, "Windows under Wine", says why each is needed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out"
cc=x86_64-w64-mingw32-gcc
"$cc" -shared -O2 -s -o "$out/icuuc.dll" "$here/icuuc.c"
"$cc" -shared -O2 -s -o "$out/mscms.dll" "$here/mscms.c"

wine_ucrt=$(ls /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ucrtbase.dll /usr/lib/wine/x86_64-windows/ucrtbase.dll 2>/dev/null | head -n 1 || true)
[ -n "$wine_ucrt" ] || { echo "no Wine ucrtbase.dll (apt-get install wine64)" >&2; exit 1; }
cp "$wine_ucrt" "$out/ucrtwine.dll"
# Every export of Wine's ucrtbase, by name (how DLLs import from it), forwarded to ucrtwine;
# but the two ucrtbase.c implements.
{
    echo "LIBRARY ucrtbase.dll"
    echo "EXPORTS"
    x86_64-w64-mingw32-objdump -p "$wine_ucrt" \
        | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' \
        | sed -n 's/^\s*\[ *[0-9]*\] \(.*\)$/\1/p' \
        | grep -v -x -E 'crealf|cimagf' \
        | sed 's/.*/  &=ucrtwine.&/'
} > "$out/ucrtbase.def"
"$cc" -shared -O2 -s -nostdlib -fno-builtin -o "$out/ucrtbase.dll" "$here/ucrtbase.c" "$out/ucrtbase.def"
