#!/usr/bin/env bash
# Install dist/skranke_*.deb with apt and use it as a fresh user would: a new account, no uv,
# no virtual environment, nothing from the source tree on PATH. Starts the window under
# xvfb-run and runs sheet, demo-data and export from the installed /usr/bin/skranke,
# checking exit codes and what each wrote. Needs root (apt-get, useradd).
#
#     installer/linux/smoke-test.sh [path/to/skranke_X_arch.deb]
#
# The package stays installed afterwards (remove it with `apt-get remove skranke`).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(id -u)" != 0 ]; then
    exec sudo --preserve-env=CI "$0" "$@"
fi
deb=${1:-$(ls -t dist/skranke_*.deb | head -n 1)}
deb=$(realpath "$deb")
export DEBIAN_FRONTEND=noninteractive

fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

if ! command -v xvfb-run >/dev/null 2>&1 || ! command -v xauth >/dev/null 2>&1; then
    apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null
fi

echo "-- apt-get install $deb"
# --reinstall: a rebuilt package of the same version replaces the installed files too.
apt-get install -y -qq --no-install-recommends --reinstall "$deb" >/dev/null
[ "$(readlink -f /usr/bin/skranke)" = /opt/skranke/skranke ] || fail "/usr/bin/skranke is not /opt/skranke/skranke"
desktop=$(ls /usr/share/applications/*.desktop | xargs grep -l '^Exec=skranke' | head -n 1)
[ -n "$desktop" ] || fail "no desktop entry starts skranke"
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$desktop" || fail "the desktop entry is not valid"
fi
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "/usr/share/icons/hicolor/48x48/apps/$icon.png" ] || fail "no 48 px icon $icon"
[ -f "/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "no scalable icon $icon"

# A fresh account with an empty home: no settings, no database, no uv, no venv.
user=skranke-smoke
if ! id "$user" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash "$user"
fi
home=$(getent passwd "$user" | cut -d: -f6)
work=$home/smoke
rm -rf "$work" "$home/.config/skranke" "$home/.local/share/skranke"
runuser -u "$user" -- mkdir -p "$work"
as_user() {
    runuser -u "$user" -- env -i HOME="$home" USER="$user" LANG=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
as_user sh -c 'command -v uv || command -v pyinstaller' && fail "uv or pyinstaller on the user's PATH"
[ "$(as_user sh -c 'command -v skranke')" = /usr/bin/skranke ] || fail "skranke is not /usr/bin/skranke"

echo "-- skranke --version"
version=$(as_user skranke --version)
[ "$version" = "Skranke $(dpkg-query -W -f '${Version}' skranke)" ] || fail "--version says '$version'"
echo "   $version"

echo "-- the window under xvfb-run (--quit-after-show)"
started=$(date +%s%N)
as_user xvfb-run -a -s "-screen 0 1600x1000x24" skranke --desk "Skranke 1" --municipality 165 \
    --database "$work/window.sqlite3" --quit-after-show --report-startup > "$work/window.out" 2>&1 \
    || { cat "$work/window.out"; fail "the window did not start"; }
grep -q '^ready ' "$work/window.out" || { cat "$work/window.out"; fail "the window never got ready"; }
[ -s "$work/window.sqlite3" ] || fail "the window created no database"
grep -iE 'warning|error|traceback' "$work/window.out" && fail "the window printed warnings"
echo "   shown and ready in $(( ($(date +%s%N) - started) / 1000000 )) ms (first start, new database)"

echo "-- skranke sheet moving"
as_user skranke sheet moving --out "$work/flytning.pdf"
[ "$(head -c 5 "$work/flytning.pdf")" = "%PDF-" ] || fail "sheet wrote no PDF"

echo "-- skranke demo-data"
as_user skranke --database "$work/demo.sqlite3" demo-data --contacts 500 --days 10 --seed 1

echo "-- skranke export (csv, xlsx, pdf)"
first=$(date -d '-20 days' +%F); last=$(date +%F)
export_to() {
    as_user skranke --database "$work/demo.sqlite3" export --from "$first" --to "$last" \
        --format "$1" --out "$work/$2"
}
export_to csv henvendelser.csv
rows=$(( $(wc -l < "$work/henvendelser.csv") - 1 ))
[ "$rows" -ge 400 ] || fail "the CSV export has $rows contacts, expected the demo's (about 500)"
export_to xlsx tal.xlsx
[ "$(head -c 2 "$work/tal.xlsx")" = "PK" ] || fail "xlsx export wrote no workbook"
export_to pdf rapport.pdf
[ "$(head -c 5 "$work/rapport.pdf")" = "%PDF-" ] || fail "pdf export wrote no PDF"

echo "-- bad input: a Danish message and exit 2, no traceback"
set +e
as_user skranke --database "$work/demo.sqlite3" export --from "$last" --to "$first" \
    --format csv --out "$work/x.csv" > "$work/bad.out" 2>&1
status=$?
set -e
[ "$status" = 2 ] || { cat "$work/bad.out"; fail "a reversed period exits $status, not 2"; }
grep -q Traceback "$work/bad.out" && fail "a reversed period printed a traceback"

echo "smoke test passed: $version from $deb, $rows contacts exported"
