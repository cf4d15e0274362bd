/* Storage queries for export (part of the storage module, store.h). */
#include "store.h"

int r57__store_unit_cursor_tree(r57__cursor **out, r57_db *db)
{
    return r57__cursor_new(out, db,
                           "WITH RECURSIVE sub(id, path) AS ("
                           "  SELECT id, code FROM unit WHERE parent_id IS NULL"
                           "  UNION ALL"
                           "  SELECT u.id, sub.path || char(1) || u.code"
                           "  FROM unit u JOIN sub ON u.parent_id = sub.id)"
                           " SELECT u.id, u.code, u.name, u.kind, pu.code"
                           " FROM unit u LEFT JOIN unit pu ON pu.id = u.parent_id"
                           " JOIN sub ON sub.id = u.id ORDER BY sub.path");
}

int r57__store_element_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_new(out, db,
                           "SELECT code, name, measure, aggregation FROM element ORDER BY code");
}

int r57__store_element_cursor_next(r57__cursor *c, r57__element_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = r57__cursor_stmt(c);
    row->code = (const char *)sqlite3_column_text(st, 0);
    row->name = (const char *)sqlite3_column_text(st, 1);
    row->measure = (const char *)sqlite3_column_text(st, 2);
    row->aggregation = sqlite3_column_int(st, 3);
    return R57_OK;
}

int r57__store_target_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_new(out, db,
                           "SELECT i.code, t.bound_code, t.scope, t.source, t.comparison,"
                           " t.aggregate, t.value, t.period, t.binds"
                           " FROM target t JOIN indicator i ON i.id = t.indicator_id"
                           " ORDER BY i.code, t.bound_code IS NOT NULL, t.bound_code, t.binds,"
                           " t.period, t.id");
}

int r57__store_target_cursor_next(r57__cursor *c, r57__target_export_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = r57__cursor_stmt(c);
    row->indicator = (const char *)sqlite3_column_text(st, 0);
    row->unit = (const char *)sqlite3_column_text(st, 1);
    row->scope = (const char *)sqlite3_column_text(st, 2);
    row->source = (const char *)sqlite3_column_text(st, 3);
    row->comparison = sqlite3_column_int(st, 4);
    row->aggregate = sqlite3_column_int(st, 5);
    row->value = sqlite3_column_double(st, 6);
    row->period = sqlite3_column_int64(st, 7);
    row->binds = sqlite3_column_int(st, 8);
    return R57_OK;
}
