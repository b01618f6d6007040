#!/usr/bin/env bash
# Builds chainrule, installs it into a local Maven repository, then builds this separate project
# against the installed artifacts and runs it three ways:
#   1. class path with --add-modules jdk.incubator.vector  -> vector-api kernels
#   2. module path, no flag                                 -> vector-api kernels
#   3. plain class path, no flag                            -> plain kernels, and a line naming the flag
# Usage: docs/consumer-example/run.sh [local-repository]   (default: Maven's, ~/.m2/repository)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repo_args=()
if [ $# -ge 1 ]; then
  repo_args=("-Dmaven.repo.local=$1")
fi

echo "== mvn install (chainrule)"
(cd "$root" && mvn -B -q "${repo_args[@]}" install -DskipTests -Dmaven.javadoc.skip=true)

echo "== mvn package (consumer)"
cd "$here"
mvn -B -q "${repo_args[@]}" package
mvn -B -q "${repo_args[@]}" dependency:build-classpath -Dmdep.outputFile=target/cp.txt
cp="target/classes:$(cat target/cp.txt)"
mp="target/classes:$(cat target/cp.txt)"

fail() { echo "FAILED: $*" >&2; exit 1; }

echo "== 1. class path with the flag"
out1=$(java --add-modules jdk.incubator.vector -cp "$cp" example.Main 2>&1)
echo "$out1"
grep -q "kernels: vector-api" <<<"$out1" || fail "expected the vector-api kernels with the flag"
grep -q "w = 2.00, b = -1.00" <<<"$out1" || fail "expected the fitted line"

echo "== 2. module path, no flag"
out2=$(java -p "$mp" -m example/example.Main 2>&1)
echo "$out2"
grep -q "kernels: vector-api" <<<"$out2" || fail "expected the vector-api kernels on the module path"

echo "== 3. plain class path, no flag"
out3=$(java -cp "$cp" example.Main 2>&1)
echo "$out3"
grep -q "kernels: plain" <<<"$out3" || fail "expected the plain kernels without the flag"
grep -q -- "--add-modules jdk.incubator.vector" <<<"$out3" || fail "expected a line naming the flag"
grep -q "w = 2.00, b = -1.00" <<<"$out3" || fail "expected the fitted line"

echo "== consumer example OK"
