#!/usr/bin/env bash
# Regenerates the README's pictures: runs the `digits` and `moons` examples (fixed seed 42) and
# copies their PNGs to docs/images/. Run from anywhere; needs Java 17+ and Maven.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mvn -B -q -pl examples -am package -DskipTests -Prun -Dexec.args="--out $out --seed 42 digits --progress NEVER"
mvn -B -q -pl examples -am package -DskipTests -Prun -Dexec.args="--out $out --seed 42 moons"
cp "$out/digits-training.png" "$out/moons-boundary.png" docs/images/
echo "updated docs/images/digits-training.png and docs/images/moons-boundary.png"
