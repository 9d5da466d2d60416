#!/usr/bin/env bash
# Builds an ahead-of-time cache (JDK 25+, JEPs 483 and 515) for the bot: the jar extracted
# (the cache needs its classes in plain jars), a training run under the load benchmark
# (scripts/WebhookLoad.java: a warm-up, then a burst) that records which classes the bot loads and
# how its methods behave, and the cache made from that record. A bot started with the cache has
# its classes loaded and linked and its methods' profiles at hand before the first delivery.
#
#   scripts/aot-cache.sh [--out DIR] [benchmark options...]
#
# DIR (bot/target/aot; no spaces) receives app/triage-bot.jar and triage-bot.aot. The benchmark
# options override the training's defaults (--stores h2 --rates 1000 --seconds 20
# --warmup-seconds 300): train on the store the bot will use, e.g. --stores postgres --postgres URL.
# Needs `java` (JAVA_HOME/bin first) of JDK 25 or later, and bot/target/triage-bot.jar (./mvnw -q
# -B package -DskipTests). Prints the command that starts the bot with the cache.
set -euo pipefail
cd "$(dirname "$0")/.."

out=bot/target/aot
if [ "${1:-}" = "--out" ]; then
  out=$2
  shift 2
fi
java=java
if [ -n "${JAVA_HOME:-}" ]; then
  java=$JAVA_HOME/bin/java
fi
if ! "$java" -XX:AOTMode=off -version > /dev/null 2>&1; then
  echo "aot-cache: $("$java" -version 2>&1 | head -1) has no AOT cache; set JAVA_HOME to JDK 25 or later" >&2
  exit 1
fi
jar=bot/target/triage-bot.jar
[ -f "$jar" ] || { echo "aot-cache: $jar is missing; build it first (./mvnw -q -B package -DskipTests)" >&2; exit 1; }

# The options the training, the cache and the bot share, so that the profiles are those of the bot
# as it runs; some (-XX:-UseCompressedOops, seen) leave the JVM unable to use the cache, others (a
# different collector, seen) do not. These are the README's for 512 MB.
jvm_options="-XX:+ExitOnOutOfMemoryError -Xmx256m -XX:TrimNativeHeapInterval=2000 -XX:PerMethodTrapLimit=0"

rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
"$java" -Djarmode=tools -jar "$jar" extract --destination "$out/app" > /dev/null
app=$out/app/triage-bot.jar

# The benchmark gives its bot the same options as jvm_options (and a temporary data folder).
"$java" scripts/WebhookLoad.java --jar "$app" --stores h2 --rates 1000 --seconds 20 \
  --warmup-seconds 300 "$@" \
  --jvm-args "-XX:AOTMode=record -XX:AOTConfiguration=$out/triage-bot.aotconf"
[ -f "$out/triage-bot.aotconf" ] || { echo "aot-cache: the training run recorded nothing" >&2; exit 1; }

# shellcheck disable=SC2086 # the options are words
if ! "$java" $jvm_options -XX:AOTMode=create -XX:AOTConfiguration="$out/triage-bot.aotconf" \
  -XX:AOTCache="$out/triage-bot.aot" -jar "$app" > "$out/create.log" 2>&1; then
  cat "$out/create.log" >&2
  exit 1
fi
rm "$out/triage-bot.aotconf"
echo "AOT cache: $out/triage-bot.aot ($(du -m "$out/triage-bot.aot" | cut -f1) MB); start the bot with"
echo "  $java $jvm_options -XX:AOTCache=$out/triage-bot.aot -jar $app"
