#!/bin/sh
# Snapshot what drafter produces, to check that a change keeps drafts and the bank
# byte-identical:
#     benchmarks/snapshot_outputs.sh /path/to/old/tree /tmp/before
#     benchmarks/snapshot_outputs.sh /path/to/new/tree /tmp/after
#     diff -r /tmp/before /tmp/after        # silent = identical (the run logs excluded below)
# Writes OUT/drafts (bulk -j 1 of examples/units.yaml), OUT/drafts2 (bulk -j 2) and
# OUT/bank (drafter mine corpus/). SOURCE_DATE_EPOCH fixes the one varying part of a
# .docx (docProps/core.xml's time stamp).
set -e
TREE=$(cd "$1" && pwd); OUT=$2
PY=${PYTHON:-/work/main/.venv/bin/python}
export SOURCE_DATE_EPOCH=1765000000 PYTHONPATH="$TREE"
rm -rf "$OUT"; mkdir -p "$OUT/logs"
cd "$TREE"
"$PY" -m drafter bulk examples/units.yaml -o "$OUT/drafts" -j 1 --quiet >"$OUT/logs/bulk1.txt" 2>&1 || true
"$PY" -m drafter bulk examples/units.yaml -o "$OUT/drafts2" -j 2 --quiet >"$OUT/logs/bulk2.txt" 2>&1 || true
"$PY" -m drafter mine corpus/ -o "$OUT/bank" -q >"$OUT/logs/mine.txt" 2>&1 || true
rm -rf "$OUT/logs"
echo "$(ls "$OUT/drafts" | wc -l) drafts (-j 1), $(ls "$OUT/drafts2" | wc -l) (-j 2), $(ls "$OUT/bank" | wc -l) bank files in $OUT"
