/*
 * libr57 — the engine for implementing Resolution 57-NQ/TW: tasks with the
 * "6 clear" fields, deadlines, indicators, evidence.
 *
 * Include this umbrella header; link with `pkg-config --libs r57`.
 * Conventions (docs/design.md): functions return R57_OK or a negative code
 * with details in r57_error_last(); results come back through the first
 * (out) argument and are owned by the caller; strings returned directly are
 * borrowed from their parent object.
 */
#ifndef R57_H
#define R57_H

#include "r57/actor.h"
#include "r57/alloc.h"
#include "r57/common.h"
#include "r57/db.h"
#include "r57/deadline.h"
#include "r57/document.h"
#include "r57/error.h"
#include "r57/evidence.h"
#include "r57/formula.h"
#include "r57/group.h"
#include "r57/interchange.h"
#include "r57/journal.h"
#include "r57/kpi.h"
#include "r57/lint.h"
#include "r57/period.h"
#include "r57/report.h"
#include "r57/resolve.h"
#include "r57/scorecard.h"
#include "r57/task.h"
#include "r57/unit.h"
#include "r57/version.h" /* generated from meson.build */

#endif /* R57_H */
