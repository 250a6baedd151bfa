#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the PostgreSQL store's tests and CI. No systemd, no docker.
#   eval "$(bash tests/scripts/pg-throwaway.sh start)"   # exports PGCI_DIR, PGCI_PORT, PGCI_CONN
#   bash tests/scripts/pg-throwaway.sh stop "$PGCI_DIR"
# Works as root (drops to the 'postgres' user, creating it if missing) or as a normal user.
# The cluster listens on 127.0.0.1 only, trusts every local connection, and runs without durability: test data only.
set -euo pipefail

# The server's programs: PGBIN when set, else the newest /usr/lib/postgresql/<version>/bin. Installing PostgreSQL is
# not this script's job (.ci/run does it): without one it stops at once, saying where it looked.
pg_bin() {
  local d
  if [ -n "${PGBIN:-}" ]; then d=$PGBIN
  else d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  if [ -z "$d" ] || [ ! -x "$d/initdb" ] || [ ! -x "$d/pg_ctl" ]; then
    echo "PostgreSQL not found in PGBIN or /usr/lib/postgresql/*/bin${PGBIN:+ (PGBIN=$PGBIN has no initdb and pg_ctl)}: install it (Debian: apt-get install postgresql) or set PGBIN to the folder holding initdb" >&2
    return 1
  fi
  echo "$d"
}

free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

case "${1:-}" in
  start)
    BIN=$(pg_bin) || exit 1
    DIR=$(mktemp -d "${PGCI_TMP:-/tmp}/pgci.XXXXXX")   # parent must be reachable by the postgres user
    chmod 755 "$DIR"
    if [ "$(id -u)" = 0 ]; then
      id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
      chown postgres: "$DIR"
      AS=(runuser -u postgres --)
    else
      AS=()
    fi
    # a failed start leaves no folder and no server behind
    trap 'if [ $? -ne 0 ]; then
            [ -f "$DIR/data/postmaster.pid" ] && "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1
            rm -rf "$DIR"
          fi' EXIT
    PORT=${PGCI_PORT:-$(free_port)}
    "${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    # 127.0.0.1 + a unix socket in $DIR; durability off (throwaway data)
    "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
    "${AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres testdb
    echo "export PGCI_DIR='$DIR' PGCI_PORT='$PORT'"
    echo "export PGCI_CONN='Host=127.0.0.1;Port=$PORT;Username=postgres;Database=testdb'"
    ;;
  stop)
    DIR=${2:?usage: stop DIR}
    BIN=$(pg_bin) || exit 1
    if [ -f "$DIR/data/postmaster.pid" ]; then
      if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
      else "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null; fi
    fi
    rm -rf "$DIR"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
