#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster on loopback, run the given command against it, stop it.
# Usage: with-postgres.sh DATA_DIR PORT COMMAND...
set -euo pipefail
data_dir=$1; port=$2; shift 2
bin_dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
run_as=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
  run_as=(runuser -u postgres --)
fi
rm -rf "$data_dir"; mkdir -p "$data_dir"
[ "$(id -u)" = "0" ] && chown postgres "$data_dir"
"${run_as[@]}" "$bin_dir/initdb" -D "$data_dir" -U postgres --auth=trust -E UTF8 >/dev/null
"${run_as[@]}" "$bin_dir/pg_ctl" -D "$data_dir" -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1" -w -l "$data_dir/log" start >/dev/null
"${run_as[@]}" "$bin_dir/createdb" -h 127.0.0.1 -p "$port" -U postgres beredd
trap '"${run_as[@]}" "$bin_dir/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null' EXIT
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/beredd"
"$@"
