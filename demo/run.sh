#!/usr/bin/env bash
# The main job on the embedded default: ingest the real lists, then screen and trace the demo
# counterparties. Lists come from $PIERCE_TEST_DATA when that folder exists, otherwise from the
# publishers through `pierce fetch`. Re-running is cheap: ingesting a file twice is a no-op.
set -euo pipefail
cd "$(dirname "$0")/.."
pierce=.venv/bin/pierce
data="${PIERCE_TEST_DATA:-../shared/data}"
export PIERCE_STORE="${PIERCE_STORE:-out/demo.duckdb}"
mkdir -p "$(dirname "$PIERCE_STORE")" out

echo "== ingest the lists into $PIERCE_STORE"
if [ -d "$data/lists" ]; then
  lists="$data/lists"
  $pierce ingest "$lists/csl-2022-04-consolidated.csv.gz" --dataset us_csl --published 2022-04-21
  $pierce ingest "$lists/csl-2025-05-excerpt.csv" --dataset us_csl_2025_excerpt --published 2025-05-01
  $pierce ingest "$lists/ofac-cons-2025-12" --published 2025-12-19
  $pierce ingest "$lists/ofac-sdn-2024-05-03.csv" --published 2024-05-03
  $pierce ingest "$lists/un-sc-2026-02.xml" "$lists/dod-1260h.csv" "$lists/bis-mieu.csv"
  $pierce ingest "$lists/bis-dpl-2022-09.txt" --published 2022-09-01
  $pierce ingest "$data/registries/gleif-api-2025-05"
else
  echo "($data not found: fetching the current lists from their publishers)"
  $pierce fetch
fi
# Public facts of the Inspur case (renames, subsidiaries, a rebadged server), written for the demo.
$pierce ingest demo/inspur-case.ftm.json --dataset demo_inspur_case --published 2024-01-01
$pierce ingest demo/products.csv --format products --published 2024-01-01
$pierce datasets

echo
echo "== screen demo/counterparties.csv"
$pierce screen demo/counterparties.csv -o out/screen.csv --as-of 2026-11-20
# The full explanations are in out/screen.csv; here one line per hit.
.venv/bin/python - <<'PY'
import csv
for row in csv.DictReader(open("out/screen.csv", encoding="utf-8")):
    print(f"{row['query_id']}  {row['score']}  {row['verdict']:<7} {row['programs'] or '-':<6} "
          f"{row['caption'][:50]:<50} {row['entity_id']}")
PY

echo
echo "== match one name typed by hand"
$pierce match "浪潮集团有限公司" --schema Company

echo
echo "== trace the renamed US subsidiary and the rebadged server, as of 2026-11-20"
$pierce trace "Aivres Systems, Inc." --as-of 2026-11-20
$pierce trace 5280M6 --as-of 2026-11-20
