#!/usr/bin/env bash
# Regenerates release.sqlite and release-postgres.sql: a database as the release of commit 154cdf2 (the last one
# without versioned migrations) wrote it, with the rows of tests/SofaBot.Tests/Storage/ReleaseData.cs.
# It builds that commit in a temporary worktree, runs ReleaseFixtureWriter.cs.txt there (that release's own stores
# write the SQLite file and a PostgreSQL database on a throwaway server), then dumps the database with pg_dump.
#   bash tests/SofaBot.Tests/TestData/storage/regenerate.sh
# Two runs differ only in when the cached vectors were stored (embedding_cache.created_utc / created_at: the time of
# the run), which no test reads. Never regenerate from a newer commit: the point is the old release's own bytes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
release=${RELEASE_COMMIT:-154cdf2}
work=$(mktemp -d)
eval "$(bash "$repo/tests/scripts/pg-throwaway.sh" start)"
cleanup() { bash "$repo/tests/scripts/pg-throwaway.sh" stop "$PGCI_DIR"; git -C "$repo" worktree remove --force "$work/tree"; rm -rf "$work"; }
trap cleanup EXIT

git -C "$repo" worktree add --detach "$work/tree" "$release" >/dev/null
cp "$here/ReleaseFixtureWriter.cs.txt" "$work/tree/tests/SofaBot.Tests/Storage/ReleaseFixtureWriter.cs"
cp "$repo/tests/SofaBot.Tests/Storage/ReleaseData.cs" "$work/tree/tests/SofaBot.Tests/Storage/ReleaseData.cs"
mkdir -p "$work/out"
(cd "$work/tree" && SOFABOT_RELEASE_FIXTURE_OUT="$work/out" PGCI_CONN="$PGCI_CONN" \
  dotnet test tests/SofaBot.Tests --filter "FullyQualifiedName~ReleaseFixtureWriter" >"$work/test.log" 2>&1) \
  || { tail -50 "$work/test.log" >&2; exit 1; }

database=$(sed -E 's/.*Database=([^;]+).*/\1/' "$work/out/release-postgres.connection")
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
{
  echo "-- A PostgreSQL database as the release of commit $release wrote it (tests/SofaBot.Tests/Storage/ReleaseData.cs),"
  echo "-- dumped by $(basename "$(dirname "$bin")") pg_dump; regenerate with tests/SofaBot.Tests/TestData/storage/regenerate.sh"
  # psql meta-commands (\restrict) and settings that would outlive the load on a pooled connection are left out
  "$bin/pg_dump" -h 127.0.0.1 -p "$PGCI_PORT" -U postgres --no-owner --no-privileges --inserts "$database" \
    | grep -v -e '^\\' -e 'set_config(.search_path' -e '^SET ' -e '^--' | cat -s
} >"$here/release-postgres.sql"
cp "$work/out/release.sqlite" "$here/release.sqlite"
echo "wrote $here/release.sqlite and $here/release-postgres.sql from $release"
