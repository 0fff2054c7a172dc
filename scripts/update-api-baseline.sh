#!/usr/bin/env bash
# Records the public API of every published library as the baseline that japicmp compares each
# build against (api-baseline/<artifactId>.jar: the module's classes without its internal and
# shaded packages). Run it when a release is cut, or in the same commit as a deliberate,
# documented API break (ADR 0019). Usage: scripts/update-api-baseline.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
modules=(core testkit transport-jdkhttp transport-feign spring-boot-starter spring-boot-testkit
  spring-boot3-starter spring-boot3-testkit spring-ai langchain4j)
list="$(IFS=,; echo "${modules[*]}")"
./mvnw -B -q package -DskipTests -Djapicmp.skip=true -Dspotless.check.skip=true -pl "$list" -am
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)"
mkdir -p api-baseline
for module in "${modules[@]}"; do
  artifact="apimart-$module"
  jar="$module/target/$artifact-$version.jar"
  work="$(mktemp -d)"
  (cd "$work" && jar xf "$root/$jar")
  find "$work" -type d \( -name internal -o -name META-INF \) -prune -exec rm -rf {} +
  rm -f "api-baseline/$artifact.jar"
  jar --create --file "api-baseline/$artifact.jar" --no-manifest -C "$work" .
  rm -rf "$work"
  echo "api-baseline/$artifact.jar <- $jar ($(find api-baseline/"$artifact".jar -printf '%s') bytes)"
done
