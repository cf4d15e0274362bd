#!/usr/bin/env bash
# The main job, through the r57 command: set up, then load into an embedded
# SQLite file (build/demo.r57) the registry of Vietnam's units and unit
# groups (built into the library), the 23 tasks of notice 07-TB/CQTTBCD
# resolved against it, the
# Resolution 57 indicator catalogue with its targets, and the figures
# reported for 2025 (../shared/data); print the 6-clear verdict of every task
# and the overdue list as of a date; write the public report.
#   scripts/demo.sh [AS-OF]      (default: today)
set -euo pipefail
cd "$(dirname "$0")/.."
as_of=${1:-$(date -u +%F)}
scripts/setup.sh
data=${R57_SHARED:-../shared}/data
r57=build/cli/r57
db=build/demo.r57
rm -f "$db" "$db-wal" "$db-shm"
$r57 init "$db" >/dev/null
$r57 load-units "$db"
$r57 import "$db" data/catalogue.json
$r57 import "$db" "$data/notice_07-TB-CQTTBCD_tasks.csv"
# Vietnamese notices leave accountability to the head of the lead unit
# unless they name someone: say so once, and the lint reports it as implied.
$r57 rule "$db" "the head of the lead unit answers"
echo
echo "== what two owner texts name"
$r57 resolve "$db" "Bộ Công an chủ trì, phối hợp với Bộ Tư pháp, Văn phòng Chính phủ"
$r57 resolve "$db" "UBND các tỉnh, thành phố trực thuộc Trung ương"
# One task for each province and city, each followed in its own scorecard.
$r57 assign-each "$db" --document 07-TB/CQTTBCD --ref App.3.d.1
# Figures of "central level" and "local level" go to the unit groups.
$r57 import "$db" "$data/reported_2025.csv" --parent VN
echo
echo "== the 6 clear verdict of every task"
$r57 lint "$db"
echo
echo "== overdue and due within 7 days, as of $as_of"
$r57 overdue "$db" --as-of "$as_of"
echo
echo "== 2025 figures of the central and local levels (unit groups) against the targets that bind them"
$r57 kpi "$db" --unit central --period 2025
echo
$r57 kpi "$db" --unit local --period 2025
echo
$r57 report "$db" --out build/report --as-of "$as_of"
echo "database: $db"
