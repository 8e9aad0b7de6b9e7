#!/usr/bin/env bash
# Issue 8, cold start: `huzhu evaluate` of the Wujin example claim in a fresh JVM, with all 11 bundled rulesets
# available, with and without each start-up lever, interleaved in rounds so that every configuration sees the same
# machine. Prints each configuration's median wall and CPU (user + sys) time, and their ratio to the baseline.
#
#   benchmarks/cold-start.sh [ROUNDS] [BASELINE]
#
# ROUNDS (default 7) runs of each configuration. BASELINE (optional) is a built checkout of another commit, e.g.
# today's main: git archive main | tar -x -C /tmp/main && (cd /tmp/main && mvn -q -B -DskipTests package);
# it runs as its own ./huzhu ran it. Needs `mvn -DskipTests package` here first, and /usr/bin/time.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-7}"
baseline="${2:-}"
claim="$here/examples/claims/wujin-2024-two-stays.json"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rulesets="$(ls "$here"/rulesets/target/rulesets-*.jar | head -1)"
# The same rulesets jar without its precompiled rules: each version then compiles its DRL at first use.
mkdir -p "$work/plain"
(cd "$work/plain" && unzip -q "$rulesets" && rm -rf huzhu-rulesets/compiled && jar cf "$work/rulesets-plain.jar" .)
cp="$here/cli/target/huzhu-cli.jar:$here/cli/target/lib/*"
quick=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
quiet=(-Xlog:disable -Xlog:all=warning:stderr)
# A class-data archive trained as ./huzhu trains it (an evaluate of the same claim).
java "${quiet[@]}" "${quick[@]}" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit="$work/huzhu.jsa" \
  -cp "$cp:$rulesets" org.huzhu.cli.Huzhu evaluate --claim "$claim" >/dev/null 2>&1

names=()
commands=()
add() { names+=("$1"); commands+=("$2"); }
if [[ -n "$baseline" ]]; then
  add "baseline: $(basename "$baseline"), eager compile of all 11, default JVM" \
      "java -cp $baseline/cli/target/huzhu-cli.jar:$baseline/cli/target/lib/*:$baseline/rulesets/target/classes org.huzhu.cli.Huzhu"
fi
add "lazy: compile wujin at first use, default JVM" "java ${quiet[*]} -cp $cp:$work/rulesets-plain.jar org.huzhu.cli.Huzhu"
add "lazy + precompiled, default JVM" "java ${quiet[*]} -cp $cp:$rulesets org.huzhu.cli.Huzhu"
add "lazy + precompiled + C1, SerialGC" "java ${quiet[*]} ${quick[*]} -cp $cp:$rulesets org.huzhu.cli.Huzhu"
add "lazy + precompiled + CDS" \
    "java ${quiet[*]} -XX:SharedArchiveFile=$work/huzhu.jsa -Xshare:auto -cp $cp:$rulesets org.huzhu.cli.Huzhu"
add "lazy + C1, SerialGC + CDS (no precompiled)" \
    "java ${quiet[*]} ${quick[*]} -XX:SharedArchiveFile=$work/huzhu.jsa -Xshare:auto -cp $cp:$work/rulesets-plain.jar org.huzhu.cli.Huzhu"
add "all levers = ./huzhu: precompiled + C1, SerialGC + CDS" \
    "java ${quiet[*]} ${quick[*]} -XX:SharedArchiveFile=$work/huzhu.jsa -Xshare:auto -cp $cp:$rulesets org.huzhu.cli.Huzhu"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
  for i in "${!names[@]}"; do
    # shellcheck disable=SC2086
    /usr/bin/time -a -o "$work/$i.times" -f "%e %U %S" ${commands[$i]} evaluate --claim "$claim" >"$work/$i.out" 2>/dev/null
    grep -q "CRITICAL_ILLNESS: 5,000.00" "$work/$i.out" || { echo "configuration $i gave another decision"; exit 1; }
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-62s %9s %9s %9s %9s\n" "configuration (median of $rounds)" "wall s" "CPU s" "wall ×" "CPU ×"
base_wall=""
for i in "${!names[@]}"; do
  wall=$(awk '{print $1}' "$work/$i.times" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  cpu=$(awk '{print $2+$3}' "$work/$i.times" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  if [[ -z "$base_wall" ]]; then base_wall=$wall; base_cpu=$cpu; fi
  printf "%-62s %9.2f %9.2f %9.2f %9.2f\n" "${names[$i]}" "$wall" "$cpu" \
    "$(echo "$wall / $base_wall" | bc -l)" "$(echo "$cpu / $base_cpu" | bc -l)"
done
