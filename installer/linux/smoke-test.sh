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
    exec sudo --preserve-env=CI,SKRANKE_REQUIRE_POSTGRES "$0" "$@"
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

# >>> central PostgreSQL (issue 9): the bundle's psycopg and its own libpq, against a real
# server started here (Debian's postgresql binaries; .ci/run installs them before this test).
echo "-- the central PostgreSQL: central upgrade, a desk's push, central desks"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    [ "${SKRANKE_REQUIRE_POSTGRES:-}" = 1 ] && fail "no PostgreSQL server binaries (apt-get install postgresql)"
    echo "   skipped: no PostgreSQL server binaries"
else
    pg_dir=$(mktemp -d /tmp/skranke-smoke-pg.XXXXXX)
    pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    pg_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$pg_password" > "$pg_dir/password"
    chown -R postgres "$pg_dir"
    as_pg() { runuser -u postgres -- "$@"; }
    stop_pg() { as_pg "$pg_bin/pg_ctl" stop -m immediate -D "$pg_dir/data" >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
    trap stop_pg EXIT
    as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pg_dir/password" >/dev/null
    as_pg "$pg_bin/pg_ctl" start -w -D "$pg_dir/data" -l "$pg_dir/server.log" \
        -o "-k $pg_dir -p $pg_port -c listen_addresses=127.0.0.1" >/dev/null
    central="postgresql+psycopg://postgres@127.0.0.1:$pg_port/postgres"  # no password in it
    as_central() { as_user env PGPASSWORD="$pg_password" "$@"; }
    as_central skranke central upgrade "$central" > "$work/central.out" 2>&1 \
        || { cat "$work/central.out"; fail "central upgrade failed (psycopg or libpq missing?)"; }
    grep -q 'skema' "$work/central.out" || { cat "$work/central.out"; fail "central upgrade said nothing"; }
    # A desk with contacts waiting in its outbox, started with central_url: it pushes them.
    as_user skranke --database "$work/desk.sqlite3" demo-data --contacts 50 --days 2 --seed 2 \
        > "$work/desk-demo.out" 2>&1 || { cat "$work/desk-demo.out"; fail "demo-data for the desk failed"; }
    printf 'central_url = "%s"\n' "$central" > "$work/desk.toml"
    chown "$user" "$work/desk.toml"
    as_central timeout 40 xvfb-run -a -s "-screen 0 1600x1000x24" skranke --config "$work/desk.toml" \
        --desk "Skranke 1" --municipality 165 --database "$work/desk.sqlite3" \
        > "$work/desk.out" 2>&1 &
    desk_pid=$!
    heard=""
    for _ in $(seq 1 30); do
        sleep 1
        heard=$(as_central skranke central desks "$central" 2>&1 | grep -P '^165\tSkranke 1\t' || true)
        [ -n "$heard" ] && break
    done
    kill "$desk_pid" 2>/dev/null || true
    wait "$desk_pid" 2>/dev/null || true
    [ -n "$heard" ] || { cat "$work/desk.out"; fail "the desk never pushed to the central database"; }
    echo "   pushed and heard from: $(echo "$heard" | cut -f 1-4 | tr '\t' ' ')"
    stop_pg
    trap - EXIT
fi
# <<< central PostgreSQL

echo "smoke test passed: $version from $deb, $rows contacts exported"
