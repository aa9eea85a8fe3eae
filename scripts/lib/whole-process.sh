# Sourced by the *-compare.sh scripts: whole-process timing of Pebble against GXemul with public tools only
# (GNU time). The two commands run in turn, A B A B ..., so that a drift in the machine's speed hits both alike;
# each figure is the median over the runs (one slow or one lucky run does not move it).
# Before calling: the arrays pebble_cmd and gxemul_cmd, RUNS and OUT (a directory); optionally qemu_cmd (a third
# command, QEMU's user-mode emulator on the same program built for Linux), timed and reported the same way.

# time_in_turn: RUNS timed runs of each command; the times in $OUT/pebble.times and $OUT/gxemul.times.
time_in_turn() {
  : >"$OUT/pebble.times"
  : >"$OUT/gxemul.times"
  : >"$OUT/qemu.times"
  local i
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f '%e %U %S' -a -o "$OUT/pebble.times" "${pebble_cmd[@]}" >/dev/null </dev/null
    /usr/bin/time -f '%e %U %S' -a -o "$OUT/gxemul.times" "${gxemul_cmd[@]}" >/dev/null </dev/null
    if [[ -n ${qemu_cmd+x} ]]; then
      /usr/bin/time -f '%e %U %S' -a -o "$OUT/qemu.times" "${qemu_cmd[@]}" >/dev/null </dev/null
    fi
  done
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# report NAME TIMES_FILE: the median wall and CPU (user + system) seconds.
report() {
  local wall cpu
  wall=$(awk '{print $1}' "$2" | median)
  cpu=$(awk '{print $2 + $3}' "$2" | median)
  printf '%-7s median of %d: wall %6.2f s, cpu (user+sys) %6.2f s\n' "$1" "$RUNS" "$wall" "$cpu"
}

# report_both TITLE: both reports and the wall-time ratio of the medians.
report_both() {
  echo "$1, whole process:"
  report pebble "$OUT/pebble.times"
  report gxemul "$OUT/gxemul.times"
  [[ -s $OUT/qemu.times ]] && report qemu "$OUT/qemu.times"
  local p g
  p=$(awk '{print $1}' "$OUT/pebble.times" | median)
  g=$(awk '{print $1}' "$OUT/gxemul.times" | median)
  awk -v p="$p" -v g="$g" 'BEGIN {if (p > 0) printf "GXemul wall / Pebble wall: %.2f (above 1: Pebble is faster)\n", g / p}'
  if [[ -s $OUT/qemu.times ]]; then
    local q
    q=$(awk '{print $1}' "$OUT/qemu.times" | median)
    awk -v p="$p" -v q="$q" 'BEGIN {if (p > 0) printf "QEMU wall / Pebble wall: %.2f\n", q / p}'
  fi
}
