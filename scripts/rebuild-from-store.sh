#!/usr/bin/env bash
# Time for a fresh replica (empty data dir) to rebuild its similar-issue index from N issues
# stored in the store (default 100000, synthetic). On PostgreSQL when TRIAGE_TEST_POSTGRES_URL is
# set (a schema of its own, dropped afterwards), else on an in-memory H2:
#
#   TRIAGE_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:5432/test?user=postgres" \
#     scripts/rebuild-from-store.sh 100000
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl bot -am test-compile dependency:build-classpath -Djacoco.skip=true \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
classpath="classifier/target/classes:bot/target/classes:bot/target/test-classes"
classpath="$classpath:$(cat bot/target/bench-classpath.txt)"
exec java -Xmx1g -cp "$classpath" dev.triagebot.bot.index.RebuildFromStoreBenchmark "$@"
