#!/usr/bin/env bash
# Install dist/Skranke-<version>-setup.exe (from build-under-wine.sh) silently into fresh Wine
# prefixes and use the installed program as a counter PC would:
#
#     installer/windows/smoke-test-under-wine.sh [path/to/Skranke-X-setup.exe]
#
# For a Windows user "borgerservice": /SETTINGS= places IT's file in %PROGRAMDATA%; then from
# C:\Program Files\Skranke: --version, --print-paths, demo-data, sheet (the PDF's text and QR
# read back), export as csv/xlsx/pdf/komhen, central upgrade and a desk's push to a PostgreSQL
# on localhost, the window (--quit-after-show), and a start where the first-run dialog is
# filled in and number keys log contacts (checked in the database; a screenshot is kept in
# build/wine/). Then the same commands for a user named "Søren Ærø Åsted" (æøå and a space),
# and a silent uninstall that must keep the databases and IT's settings.
# SKRANKE_WINE_DISPLAY picks the X display for Xvfb (default :15).
set -euo pipefail
source "$(dirname "$0")/wine-common.sh"
cd "$ROOT"

version=$(uv run --locked python -c "from skranke.identity import package_version; print(package_version())")
setup=$(realpath "${1:-dist/Skranke-$version-setup.exe}")
[ -f "$setup" ] || fail "no $setup (run installer/windows/build-under-wine.sh)"
wine_tools
display=${SKRANKE_WINE_DISPLAY:-:15}
out=$WORK/smoke
rm -rf "$out" && mkdir -p "$out"

# Xvfb for the window; Wine's own windows (none, when silent) go there too.
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
cleanup() {
    kill "$xvfb_pid" 2>/dev/null || true
    [ -n "${stop_pg:-}" ] && $stop_pg
    true
}
trap cleanup EXIT
for _ in $(seq 1 20); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.5; done
xdotool getdisplaygeometry >/dev/null 2>&1 || fail "no X display $display (Xvfb did not start)"

APP="C:\\Program Files\\Skranke"
CLI="$APP\\skranke-cli.exe"
GUI="$APP\\Skranke.exe"
cli() { win "$CLI" "$@"; }
# A Windows path of a file in $out, e.g. $(w flytning.pdf)
w() { winpath "$out/$1"; }

install() {  # install SETTINGS_FILE: the silent, per-machine install IT runs
    local started
    started=$(date +%s)
    win "$setup" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/SETTINGS=$(winpath "$1")" \
        "/LOG=$(w setup.log)" || { cat "$out/setup.log"; fail "setup.exe exited $?"; }
    wineserver -w
    echo "   installed in $(($(date +%s) - started)) s"
    local c=$WINEPREFIX/drive_c
    [ -f "$c/Program Files/Skranke/Skranke.exe" ] || fail "no Skranke.exe in C:\\Program Files\\Skranke"
    [ -f "$c/Program Files/Skranke/skranke-cli.exe" ] || fail "no skranke-cli.exe"
    [ -f "$c/ProgramData/Microsoft/Windows/Start Menu/Programs/Skranke.lnk" ] || fail "no Start-menu entry"
    cmp -s "$1" "$c/ProgramData/skranke/settings.toml" || fail "/SETTINGS did not place the file in %PROGRAMDATA%\\skranke"
}

# --- PostgreSQL on localhost, as installer/linux/smoke-test.sh starts it ---
start_postgres() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
        [ "${SKRANKE_REQUIRE_POSTGRES:-}" = 1 ] && fail "no PostgreSQL server binaries (apt-get install postgresql)"
        return 1
    fi
    pg_dir=$(mktemp -d /tmp/skranke-wine-pg.XXXXXX)
    pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    pg_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$pg_password" > "$pg_dir/password"
    local as_pg=()
    if [ "$(id -u)" = 0 ]; then chown -R postgres "$pg_dir"; as_pg=(runuser -u postgres --); fi
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pg_dir/password" >/dev/null
    "${as_pg[@]}" "$pg_bin/pg_ctl" start -w -D "$pg_dir/data" -l "$pg_dir/server.log" \
        -o "-k $pg_dir -p $pg_port -c listen_addresses=127.0.0.1" >/dev/null
    stop_pg="eval ${as_pg[*]} $pg_bin/pg_ctl stop -m immediate -D $pg_dir/data >/dev/null 2>&1; rm -rf $pg_dir"
    central="postgresql+psycopg://postgres@127.0.0.1:$pg_port/postgres"  # no password in it
}

# The window, started and left running: run_window LOG ARGS...  (sets window_pid). Its
# output goes through a pipe (see win()); Debian's wine starts it through start.exe.
run_window() {
    local log=$1
    shift
    wine "$GUI" "$@" > >(cat > "$log") 2>&1 &
    window_pid=$!
}
# Ends the window started by run_window: its wine process and the Windows processes whose
# command line names MARKER (a path only this run uses).
stop_window() {
    local pids
    pids=$(pgrep -f -- "$1" || true)
    kill "$window_pid" $pids 2>/dev/null || true
    wait "$window_pid" 2>/dev/null || true
    wineserver -w
}
# Wait for a window whose title matches PATTERN; print its X id.
wait_for_window() {
    local id=""
    for _ in $(seq 1 60); do
        id=$(xdotool search --name "$1" 2>/dev/null | head -n 1 || true)
        [ -n "$id" ] && break
        sleep 1
    done
    [ -n "$id" ] || { import -window root "$out/no-window.png"; fail "no window '$1' (see $out/no-window.png)"; }
    echo "$id"
}
focus() { xdotool windowactivate --sync "$1" >/dev/null 2>&1 || true; xdotool windowfocus "$1"; sleep 0.5; }

contacts_in() { sqlite3_count "$1" "SELECT count(*) FROM contact WHERE voided_at IS NULL"; }
sqlite3_count() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"; }

# The command-line part every user gets: commands USER_LABEL
commands() {
    local local_app=$WINEPREFIX/drive_c/users/$USER/AppData/Local
    echo "-- [$1] --version"
    local said
    said=$(cli --version | tr -d '\r')
    [ "$said" = "Skranke $version" ] || fail "--version says '$said'"
    echo "-- [$1] --print-paths"
    # A Windows console program writes to a pipe in the ANSI code page (cp1252 on Danish and
    # Western Windows, and in Wine here), not UTF-8.
    cli --print-paths | tr -d '\r' | iconv -f CP1252 -t UTF-8 | tee "$out/paths.txt" | sed 's/^/   /'
    grep -qxF "site settings	C:\\ProgramData\\skranke\\settings.toml" "$out/paths.txt" \
        || fail "the machine-wide settings are not %PROGRAMDATA%\\skranke\\settings.toml"
    grep -qxF "settings	C:\\users\\$USER\\AppData\\Local\\skranke\\settings.toml" "$out/paths.txt" \
        || fail "the user's settings are not in %LOCALAPPDATA%\\skranke"
    grep -qxF "database	sqlite:///C:\\users\\$USER\\AppData\\Local\\skranke\\skranke.sqlite3" "$out/paths.txt" \
        || fail "the database is not in %LOCALAPPDATA%\\skranke"

    echo "-- [$1] demo-data (the user's own database in %LOCALAPPDATA%)"
    local started
    started=$(date +%s%N)
    cli demo-data --contacts 500 --days 10 --seed 1 > "$out/demo.out" || { cat "$out/demo.out"; fail "demo-data"; }
    local db=$local_app/skranke/skranke.sqlite3
    [ "$(contacts_in "$db")" -ge 400 ] || fail "demo-data wrote $(contacts_in "$db") contacts to $db"
    echo "   $(contacts_in "$db") contacts in $(( ($(date +%s%N) - started) / 1000000 )) ms"

    echo "-- [$1] sheet moving: the PDF's text and its QR code read back"
    cli sheet moving --out "$(w flytning.pdf)" >/dev/null || fail "sheet"
    pdftotext "$out/flytning.pdf" "$out/flytning.txt"
    grep -q "Meld flytning" "$out/flytning.txt" || fail "the sheet's text has no 'Meld flytning'"
    grep -q "Log ind med MitID" "$out/flytning.txt" || fail "the sheet's text has no steps"
    pdftoppm -r 200 -png -f 1 -l 1 "$out/flytning.pdf" "$out/flytning"
    zbarimg -q --raw "$out"/flytning-1.png > "$out/qr.txt" 2>/dev/null || fail "no QR code found on the sheet"
    grep -q '^https://www.borger.dk/bolig-og-flytning/' "$out/qr.txt" || fail "the QR code says $(cat "$out/qr.txt")"

    echo "-- [$1] export csv, xlsx, pdf, komhen"
    local first last
    first=$(date -d '-20 days' +%F)
    last=$(date +%F)
    for pair in csv:henvendelser.csv xlsx:tal.xlsx pdf:rapport.pdf komhen:komhen.xlsx; do
        cli export --from "$first" --to "$last" --format "${pair%%:*}" --out "$(w "${pair#*:}")" \
            > "$out/export.out" || { cat "$out/export.out"; fail "export ${pair%%:*}"; }
    done
    local rows=$(( $(wc -l < "$out/henvendelser.csv") - 1 ))
    [ "$rows" -ge 400 ] || fail "the CSV export has $rows contacts"
    [ "$(head -c 2 "$out/tal.xlsx")" = PK ] || fail "xlsx export wrote no workbook"
    [ "$(head -c 2 "$out/komhen.xlsx")" = PK ] || fail "komhen export wrote no workbook"
    pdftotext "$out/rapport.pdf" "$out/rapport.txt"
    grep -q "^Ledelsesinformation" "$out/rapport.txt" || fail "the pdf export has no 'Ledelsesinformation'"
    echo "   $rows contacts exported"

    echo "-- [$1] bad input: exit 2 and a Danish message, no traceback"
    set +e
    cli export --from "$last" --to "$first" --format csv --out "$(w x.csv)" > "$out/bad.out"
    local status=$?
    set -e
    [ "$status" = 2 ] || { cat "$out/bad.out"; fail "a reversed period exits $status, not 2"; }
    grep -q Traceback "$out/bad.out" && fail "a reversed period printed a traceback"

    echo "-- [$1] the window: Skranke.exe --quit-after-show"
    started=$(date +%s%N)
    win "$GUI" --desk "Skranke 1" --municipality 165 --quit-after-show --report-startup \
        > "$out/window.out" || { cat "$out/window.out"; fail "the window did not start"; }
    # The windowed Skranke.exe has no console: its exit code is the check.
    echo "   shown and closed in $(( ($(date +%s%N) - started) / 1000000 )) ms"
}

uninstall() {
    local c=$WINEPREFIX/drive_c
    win "$APP\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART || fail "uninstall exited $?"
    wineserver -w
    sleep 2
    [ ! -e "$c/Program Files/Skranke/Skranke.exe" ] || fail "Skranke.exe is still installed"
    [ ! -e "$c/Program Files/Skranke/_internal" ] || fail "_internal is still there"
    [ -f "$c/users/$USER/AppData/Local/skranke/skranke.sqlite3" ] || fail "uninstall deleted the database"
    [ -f "$c/ProgramData/skranke/settings.toml" ] || fail "uninstall deleted IT's settings"
}

# ---------------------------------------------------------------- borgerservice
t0=$(lap)
export USER=borgerservice LOGNAME=borgerservice  # Wine names the Windows user after $USER
echo "== $USER: a fresh Windows 10 prefix, silent install with /SETTINGS="
new_prefix "$WORK/prefix-smoke"
printf 'municipality = "165"\n' > "$out/site-settings.toml"
install "$out/site-settings.toml"
echo "-- a missing settings file stops setup"
set +e
win "$setup" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/SETTINGS=$(w missing.toml)" >/dev/null
status=$?
set -e
[ "$status" != 0 ] || fail "setup accepted a missing settings file"
t_install=$(lap)
commands "$USER"

echo "-- the first start: the set-up dialog filled in, number keys log contacts"
printf '' > "$out/first.toml"
run_window "$out/first.out" --config "$(w first.toml)" --database "$(w first.sqlite3)"
dialog=$(wait_for_window "Velkommen til Skranke")
focus "$dialog"
xdotool key ctrl+a && xdotool type --delay 60 "Skranke 1"
xdotool key Tab ctrl+a && xdotool type --delay 60 "165"
sleep 1
xdotool key Return
sleep 1
# The municipality's completer may take the first Return; a second one presses "Gem og start".
xdotool search --name "Velkommen til Skranke" >/dev/null 2>&1 && xdotool key Return
main=$(wait_for_window "Skranke 1 ·")
sleep 3
focus "$main"
for key in 1 2 4; do xdotool key "$key"; sleep 1.5; done
sleep 2
import -window root "$out/window-after-keys.png"
logged=$(sqlite3_count "$out/first.sqlite3" "SELECT group_concat(area, ' ') FROM (SELECT area FROM contact ORDER BY logged_at)")
stop_window first.sqlite3
[ "$logged" = "passport driving_licence moving" ] || fail "keys 1 2 4 logged '$logged' (see $out/window-after-keys.png)"
grep -q '^desk = "Skranke 1"' "$out/first.toml" || fail "the set-up dialog did not save the desk in --config"
echo "   logged: $logged; screenshot $out/window-after-keys.png"

echo "-- the central PostgreSQL: central upgrade, a desk's push, central desks"
if start_postgres; then
    export PGPASSWORD=$pg_password
    cli central upgrade "$central" > "$out/central.out" || { cat "$out/central.out"; fail "central upgrade"; }
    grep -q skema "$out/central.out" || { cat "$out/central.out"; fail "central upgrade said nothing"; }
    cli --database "$(w desk.sqlite3)" demo-data --contacts 50 --days 2 --seed 2 >/dev/null
    printf 'central_url = "%s"\n' "$central" > "$out/desk.toml"
    run_window "$out/desk.out" --config "$(w desk.toml)" --desk "Skranke 1" --municipality 165 \
        --database "$(w desk.sqlite3)"
    heard=""
    for _ in $(seq 1 40); do
        sleep 2
        heard=$(cli central desks "$central" 2>&1 | tr -d '\r' | grep -P '^165\tSkranke 1\t' || true)
        [ -n "$heard" ] && break
    done
    stop_window desk.sqlite3
    [ -n "$heard" ] || { cat "$out/desk.out"; fail "the desk never pushed to the central database"; }
    echo "   pushed and heard from: $(echo "$heard" | cut -f 1-4 | tr '\t' ' ')"
    unset PGPASSWORD
else
    echo "   skipped: no PostgreSQL server binaries"
fi
t_commands=$(lap)

echo "-- uninstall (silent) keeps the database and IT's settings"
uninstall
t_first=$(lap)

# ---------------------------------------------------------------- æøå and a space
export USER="Søren Ærø Åsted" LOGNAME="Søren Ærø Åsted"
echo "== $USER: a fresh prefix, install, the same commands, uninstall"
new_prefix "$WORK/prefix-smoke-aeoeaa"
install "$out/site-settings.toml"
commands "$USER"
uninstall
t_second=$(lap)

echo "smoke test under Wine passed: Skranke $version from $(basename "$setup")"
echo "   first user: prefix and install $((t_install - t0)) s, commands and window $((t_commands - t_install)) s, uninstall $((t_first - t_commands)) s; second user $((t_second - t_first)) s" \
    | tee "$WORK/smoke-report.txt"
