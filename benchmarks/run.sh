#!/usr/bin/env sh
# Runs the whole benchmark suite: builds the uber jar, runs every JMH benchmark with the GC
# profiler (allocation per operation) and writes JSON next to the text output, then the two
# reports that are not JMH benchmarks (the polling table and the interleaved overhead ratios).
# Extra arguments go to JMH, e.g. `benchmarks/run.sh -f 1 -wi 3 -i 5` or a benchmark filter.
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmarks -am package -DskipTests
out=benchmarks/target/results
mkdir -p "$out"
{
  echo "## machine"
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo || true
  grep MemTotal /proc/meminfo || true
  java -version 2>&1
  echo
  echo "## polling (virtual time)"
  java -cp benchmarks/target/benchmarks.jar dev.apimart.benchmarks.PollingReport
  echo
  echo "## overhead ratios (interleaved)"
  java -cp benchmarks/target/benchmarks.jar dev.apimart.benchmarks.OverheadRatios \
    60 40 raw,rawAsync,jdk,feign,feignCallerRuns,feignJava11
} 2>&1 | grep -v 'HV000001\|org.hibernate.validator.internal.util.Version' | tee "$out/reports.md"
java -jar benchmarks/target/benchmarks.jar -prof gc -rf json -rff "$out/jmh.json" "$@" \
  2>&1 | tee "$out/jmh.txt"
