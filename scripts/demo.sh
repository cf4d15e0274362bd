#!/usr/bin/env bash
# The main job: set up, then load the 23 tasks of notice 07-TB/CQTTBCD into
# an embedded SQLite file and print each task's resolved deadline, its
# "6 clear" verdict and whether it is overdue as of a date.
#   scripts/demo.sh [AS-OF]      (default: today)
set -euo pipefail
cd "$(dirname "$0")/.."
as_of=${1:-$(date -u +%F)}
scripts/setup.sh
data=${R57_SHARED:-../shared}/data
build/examples/c/notice07 "$data/notice_07-TB-CQTTBCD_tasks.csv" build/notice07.r57 "$as_of"
echo "database: build/notice07.r57"
