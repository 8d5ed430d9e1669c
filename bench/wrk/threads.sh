#!/usr/bin/env bash
# Prints CPU ticks (1/100 s) used so far by each thread group of process $1 (thread names with
# their trailing numbers dropped, summed). Threads that end while this reads are skipped.
for t in /proc/"$1"/task/*; do
  name=$(tr -d '\n' < "$t/comm" 2>/dev/null | tr ' ' '_' | sed 's/[0-9-]*$//') || continue
  stat=$(sed 's/^.*) //' "$t/stat" 2>/dev/null) || continue
  [ -n "$name" ] && [ -n "$stat" ] && echo "$name $(echo "$stat" | awk '{print $12+$13}')"
done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort
