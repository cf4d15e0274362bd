/*
 * The formula language (docs/formulas.md): a hand-written recursive-descent
 * parser builds a small syntax tree, which is checked and then flattened
 * into postfix instructions for a stack machine.  The tree is thrown away;
 * evaluation runs the flat array only.
 *
 * Why a tree first and not code straight from the parser: syntax errors
 * must be reported before semantic ones (so 'a + * b' says "expected a
 * value" at offset 4, not "unknown name 'a'"), `let` names are expanded
 * where they are used (so inside an aggregation window they are evaluated
 * at each member period), and jumps for if/and/or/coalesce are easier to
 * place.  Compilation happens once per formula; its cost does not matter.
 *
 * Evaluation: no allocation (the result object keeps the scratch stacks and
 * grows them only for a larger formula than before), no recursion, and a
 * "no value" carries a compact cause (kind, instruction, period) from which
 * the sentence is built only when someone asks for it.
 */
#include "r57/formula.h"
#include "internal.h"
#include "r57/period.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEXT 65536   /* bytes of formula text */
#define MAX_NEST 100     /* parentheses, calls, prefix operators, '^' chains */
#define MAX_HEIGHT 1000  /* height of the tree with names expanded */
#define MAX_CODE 65536   /* instructions with names expanded */
#define MAX_OFFSET 9999  /* |offset| in [n] and [a..b] */
#define MAX_CODE_LEN 255 /* bytes of a reference code */
#define MAX_QUOTE 200    /* bytes of the formula quoted in an error message */

/* ---- instructions ------------------------------------------------------ */

enum {
    OP_NUM,
    OP_REF,
    OP_NEG,
    OP_NOT,
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_POW,
    OP_LT,
    OP_LE,
    OP_GT,
    OP_GE,
    OP_EQ,
    OP_NE,
    OP_AND_SC,
    OP_AND,
    OP_OR_SC,
    OP_OR,
    OP_JF,
    OP_JMP,
    OP_ISNULL,
    OP_COALESCE,
    OP_MIN,
    OP_MAX,
    OP_ABS,
    OP_LN,
    OP_EXP,
    OP_AGG_BEGIN,
    OP_AGG_STEP
};

/* Aggregations (OP_AGG_BEGIN's a & 0xff); AGG_REL marks a relative window. */
enum { AGG_SUM, AGG_AVG, AGG_MIN, AGG_MAX, AGG_COUNT };
#define AGG_REL 0x100
/* The window "members": the members of the period the formula is
 * evaluated for (one period: itself). */
#define AGG_MEMBERS 0x200

/* Sub-causes of R57_NOVALUE_DOMAIN, kept in the slot's period field. */
enum { DOM_OVERFLOW = 1, DOM_NAN = 2, DOM_LN = 3 };

/*
 * One instruction.  Field use by op:
 *   NUM        u.num
 *   REF        a ref, b offset, c cache slot (-1 inside a window)
 *   MIN, MAX   a argument count
 *   AND_SC, OR_SC, COALESCE, JMP   a jump target
 *   JF         a target when false, b target when the condition has no value
 *   AGG_BEGIN  a aggregation | AGG_REL, b index of its AGG_STEP, c members,
 *              u.p first member (absolute window) or first offset (relative)
 *   AGG_STEP   a index of its AGG_BEGIN
 */
typedef struct insn {
    int32_t op, a, b, c;
    union {
        double num;
        r57_period p;
    } u;
} insn;

/* The source text an instruction computes, for reasons. */
typedef struct span {
    int32_t start, end;
} span;

typedef struct ref {
    char *name;
    int kind;
} ref;

struct r57_formula {
    char *text;
    insn *code;
    span *spans;
    int ncode;
    ref *refs;
    int nrefs;
    int max_stack;  /* value stack slots needed */
    int max_frames; /* nesting of aggregation windows */
    int ncache;     /* distinct (ref, offset) outside windows */
    int members;    /* 1 when a window is "members" */
};

/* ---- the syntax tree ----------------------------------------------------- */

enum { N_NUM, N_REF, N_NAME, N_NEG, N_NOT, N_BIN, N_CALL, N_WIN };

enum { F_IF, F_IS_NULL, F_COALESCE, F_MIN, F_MAX, F_ABS, F_LN, F_EXP, F_SUM, F_AVG, F_COUNT };

static const struct {
    const char *name;
    int min_args, max_args; /* -1: any number */
} functions[] = {
    [F_IF] = { "if", 3, 3 },
    [F_IS_NULL] = { "is_null", 1, 1 },
    [F_COALESCE] = { "coalesce", 1, -1 },
    [F_MIN] = { "min", 1, -1 },
    [F_MAX] = { "max", 1, -1 },
    [F_ABS] = { "abs", 1, 1 },
    [F_LN] = { "ln", 1, 1 },
    [F_EXP] = { "exp", 1, 1 },
    [F_SUM] = { "sum", 2, 2 },
    [F_AVG] = { "avg", 2, 2 },
    [F_COUNT] = { "count", 2, 2 },
};
#define NFUNCTIONS ((int)(sizeof functions / sizeof functions[0]))

static const char *const keywords[] = { "and", "or", "not", "let", "I" };

typedef struct node {
    int kind;
    int op;          /* N_BIN: OP_*; N_CALL: F_* */
    int start, end;  /* source span */
    int height;      /* of the subtree, names expanded */
    int a, b;        /* N_NEG, N_NOT: a; N_BIN: a, b; N_CALL: a first argument */
    int next;        /* next argument of a call, or -1 */
    int nargs;       /* N_CALL */
    int ref, offset; /* N_REF; N_NAME: ref is the binding */
    double num;      /* N_NUM */
    int rel;         /* N_WIN: relative ([lo..hi]) or absolute (period) */
    int members;     /* N_WIN: the window "members" */
    int lo, hi;
    r57_period period;
} node;

typedef struct binding {
    int name_start, name_len;
    int root;
    int used;
} binding;

typedef struct parser {
    const char *text;
    size_t len;
    size_t pos;
    node *nodes;
    int nnodes, capnodes;
    binding *binds;
    int nbinds, capbinds;
    ref *refs;
    int nrefs, caprefs;
    int nest;
    /* The semantic error at the smallest offset, reported once the whole
     * text is known to be well-formed. */
    int sem_set;
    long sem_off;
    r57__buf sem_msg; /* built whole, however long the names in it */
} parser;

/* ---- errors ---------------------------------------------------------------- */

static int error_at(const parser *p, size_t off, const char *what)
{
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < off && i < p->len; i++)
        if (p->text[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    /* A long formula is quoted in part, so that what is wrong with it
     * still fits in the message. */
    size_t n = p->len;
    if (n > MAX_QUOTE) {
        n = MAX_QUOTE;
        while (n > 0 && ((unsigned char)p->text[n] & 0xc0) == 0x80)
            n--; /* do not cut a UTF-8 sequence */
    }
    return r57__error_at(R57_EPARSE, line, (int)(off - line_start) + 1, (long)off,
                         "formula '%.*s%s': at offset %ld: %s", (int)n, p->text,
                         n < p->len ? "..." : "", (long)off, what);
}

static int syntax(parser *p, size_t off, const char *fmt, ...) R57__PRINTF(3, 4);

static int syntax(parser *p, size_t off, const char *fmt, ...)
{
    r57__buf what = R57__BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    r57__buf_vprintf(&what, fmt, ap);
    va_end(ap);
    int ret = what.failed ? r57__error_nomem() : error_at(p, off, what.ptr);
    r57__buf_free(&what);
    return ret;
}

static void semantic(parser *p, size_t off, const char *fmt, ...) R57__PRINTF(3, 4);

static void semantic(parser *p, size_t off, const char *fmt, ...)
{
    va_list ap;
    if (p->sem_set && p->sem_off <= (long)off)
        return;
    p->sem_set = 1;
    p->sem_off = (long)off;
    r57__buf_free(&p->sem_msg);
    va_start(ap, fmt);
    r57__buf_vprintf(&p->sem_msg, fmt, ap);
    va_end(ap);
}

/* ---- the lexer -------------------------------------------------------------- */

enum {
    T_END,
    T_NUM,
    T_IDENT,
    T_ELEM,
    T_IND,
    T_RANGE,
    T_LPAR,
    T_RPAR,
    T_COMMA,
    T_LBRACK,
    T_RBRACK,
    T_SEMI,
    T_PLUS,
    T_MINUS,
    T_STAR,
    T_SLASH,
    T_CARET,
    T_LT,
    T_LE,
    T_GT,
    T_GE,
    T_EQ,
    T_NE
};

typedef struct tok {
    int type;
    size_t start, end;
    size_t name_start, name_len; /* T_ELEM, T_IND: the code */
    double num;
} tok;

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_blank(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_period_char(int c)
{
    return is_digit(c) || c == 'Q' || c == 'q' || c == 'H' || c == 'h' || c == '-';
}

static char at(const parser *p, size_t i) { return i < p->len ? p->text[i] : '\0'; }

static size_t skip_blanks(const parser *p, size_t i)
{
    while (i < p->len && is_blank((unsigned char)p->text[i]))
        i++;
    return i;
}

/* Describes the byte at i for "unexpected …" messages. */
static void describe_char(char *buf, size_t size, int c)
{
    if (c > 0x20 && c < 0x7f)
        snprintf(buf, size, "character '%c'", c);
    else
        snprintf(buf, size, "byte 0x%02x", (unsigned)(unsigned char)c);
}

/* strtod reads the decimal point of the current C locale; the language's
 * is always '.', so it is swapped for the locale's before converting.
 * (Compilation only; localeconv is read, never changed.) */
static double to_double(const char *s, size_t n)
{
    char buf[96];
    const char *dp = localeconv()->decimal_point;
    size_t dl = dp && *dp ? strlen(dp) : 1, j = 0;
    for (size_t i = 0; i < n && j + dl < sizeof buf - 1; i++) {
        if (s[i] == '.') {
            memcpy(buf + j, dp && *dp ? dp : ".", dl);
            j += dl;
        } else {
            buf[j++] = s[i];
        }
    }
    buf[j] = '\0';
    return strtod(buf, NULL);
}

static int lex_ref(parser *p, tok *t, size_t i, int type)
{
    const char *sigil = type == T_ELEM ? "#{" : "I{";
    size_t open = i + 1, j = open + 1;
    const char *close = memchr(p->text + j, '}', p->len - j);
    if (!close)
        return syntax(p, i, "'%s' is not closed", sigil);
    for (; p->text + j < close; j++) {
        unsigned char c = (unsigned char)p->text[j];
        if (c <= 0x20 || c == 0x7f || c == '{') {
            char what[32];
            describe_char(what, sizeof what, c);
            if (c == ' ')
                snprintf(what, sizeof what, "' '");
            return syntax(p, j, "a reference code cannot contain %s", what);
        }
    }
    if (j == open + 1)
        return syntax(p, j, "expected a code between the braces, e.g. %sprocedures_total}", sigil);
    if (j - open - 1 > MAX_CODE_LEN)
        return syntax(p, open + 1, "a reference code is longer than %d bytes", MAX_CODE_LEN);
    t->type = type;
    t->start = i;
    t->end = j + 1;
    t->name_start = open + 1;
    t->name_len = j - open - 1;
    return R57_OK;
}

static int lex_number(parser *p, tok *t, size_t i)
{
    size_t j = i;
    while (is_digit(at(p, j)))
        j++;
    if (at(p, j) == '.' && is_digit(at(p, j + 1))) {
        j++;
        while (is_digit(at(p, j)))
            j++;
    }
    if ((at(p, j) == 'e' || at(p, j) == 'E') &&
        (is_digit(at(p, j + 1)) ||
         ((at(p, j + 1) == '+' || at(p, j + 1) == '-') && is_digit(at(p, j + 2))))) {
        j += 2;
        while (is_digit(at(p, j)))
            j++;
    }
    if (j - i > 64)
        return syntax(p, i, "a number is longer than 64 characters");
    t->type = T_NUM;
    t->start = i;
    t->end = j;
    t->num = to_double(p->text + i, j - i);
    if (!isfinite(t->num))
        return syntax(p, i, "number '%.*s' is too large", (int)(j - i), p->text + i);
    return R57_OK;
}

/* Reads the token at p->pos (after blanks) without consuming it. */
static int peek(parser *p, tok *t)
{
    size_t i = skip_blanks(p, p->pos);
    int c = (unsigned char)at(p, i);
    t->start = i;
    t->end = i + 1;
    t->name_start = t->name_len = 0;
    t->num = 0;
    if (i >= p->len) {
        t->type = T_END;
        t->end = i;
        return R57_OK;
    }
    if (is_digit(c)) {
        /* A period range "2026..2030" is one token; it is told from a
         * number by the ".." after a run of period characters. */
        size_t j = i;
        while (is_period_char((unsigned char)at(p, j)))
            j++;
        if (at(p, j) == '.' && at(p, j + 1) == '.') {
            j += 2;
            while (is_period_char((unsigned char)at(p, j)))
                j++;
            t->type = T_RANGE;
            t->end = j;
            return R57_OK;
        }
        return lex_number(p, t, i);
    }
    if (c == '.' && is_digit(at(p, i + 1)))
        return lex_number(p, t, i);
    if (c == '#') {
        if (at(p, i + 1) != '{')
            return syntax(p, i, "'#' must start a reference like #{code}");
        return lex_ref(p, t, i, T_ELEM);
    }
    if (is_alpha(c)) {
        size_t j = i;
        while (is_alpha((unsigned char)at(p, j)) || is_digit(at(p, j)))
            j++;
        if (j == i + 1 && c == 'I' && at(p, j) == '{')
            return lex_ref(p, t, i, T_IND);
        t->type = T_IDENT;
        t->end = j;
        return R57_OK;
    }
    switch (c) {
    case '(': t->type = T_LPAR; return R57_OK;
    case ')': t->type = T_RPAR; return R57_OK;
    case ',': t->type = T_COMMA; return R57_OK;
    case '[': t->type = T_LBRACK; return R57_OK;
    case ']': t->type = T_RBRACK; return R57_OK;
    case ';': t->type = T_SEMI; return R57_OK;
    case '+': t->type = T_PLUS; return R57_OK;
    case '-': t->type = T_MINUS; return R57_OK;
    case '*': t->type = T_STAR; return R57_OK;
    case '/': t->type = T_SLASH; return R57_OK;
    case '^': t->type = T_CARET; return R57_OK;
    case '<':
        t->type = at(p, i + 1) == '=' ? T_LE : T_LT;
        t->end = i + (t->type == T_LE ? 2 : 1);
        return R57_OK;
    case '>':
        t->type = at(p, i + 1) == '=' ? T_GE : T_GT;
        t->end = i + (t->type == T_GE ? 2 : 1);
        return R57_OK;
    case '=':
        t->type = T_EQ;
        t->end = i + (at(p, i + 1) == '=' ? 2 : 1);
        return R57_OK;
    case '!':
        if (at(p, i + 1) == '=') {
            t->type = T_NE;
            t->end = i + 2;
            return R57_OK;
        }
        break;
    default: break;
    }
    char what[32];
    describe_char(what, sizeof what, c);
    return syntax(p, i, "unexpected %s", what);
}

static int tok_is(const parser *p, const tok *t, const char *word)
{
    size_t n = strlen(word);
    return t->type == T_IDENT && t->end - t->start == n && memcmp(p->text + t->start, word, n) == 0;
}

static int find_function(const char *s, size_t n)
{
    for (int i = 0; i < NFUNCTIONS; i++)
        if (strlen(functions[i].name) == n && memcmp(functions[i].name, s, n) == 0)
            return i;
    return -1;
}

static int is_reserved(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strlen(keywords[i]) == n && memcmp(keywords[i], s, n) == 0)
            return 1;
    return find_function(s, n) >= 0;
}

/* ---- tree building ----------------------------------------------------------- */

static int grow(void **ptr, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return R57_OK;
    int n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    void *q = r57__realloc(*ptr, (size_t)n * size);
    if (!q)
        return r57__error_nomem();
    *ptr = q;
    *cap = n;
    return R57_OK;
}

static int new_node(parser *p, int kind, size_t start, size_t end, int *out)
{
    if (grow((void **)&p->nodes, &p->capnodes, p->nnodes + 1, sizeof(node)) < 0)
        return R57_ENOMEM;
    node *n = &p->nodes[p->nnodes];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->start = (int)start;
    n->end = (int)end;
    n->height = 1;
    n->a = n->b = n->next = -1;
    *out = p->nnodes++;
    return R57_OK;
}

static int set_height(parser *p, int idx, int child_height)
{
    node *n = &p->nodes[idx];
    if (child_height + 1 > n->height)
        n->height = child_height + 1;
    if (n->height > MAX_HEIGHT)
        return syntax(p, (size_t)n->start, "the formula is nested too deeply");
    return R57_OK;
}

/* A period window is a value only as the last argument of an aggregation;
 * anywhere else it is reported (as a semantic error, after the syntax). */
static void check_value(parser *p, int idx)
{
    if (p->nodes[idx].kind == N_WIN)
        semantic(p, (size_t)p->nodes[idx].start,
                 "a period window can only be the last argument of sum(), avg(), count(), min() or "
                 "max()");
}

static int new_unary(parser *p, int kind, size_t start, int child, int *out)
{
    int rc = new_node(p, kind, start, (size_t)p->nodes[child].end, out);
    if (rc < 0)
        return rc;
    p->nodes[*out].a = child;
    check_value(p, child);
    return set_height(p, *out, p->nodes[child].height);
}

static int new_bin(parser *p, int op, int l, int r, int *out)
{
    int rc = new_node(p, N_BIN, (size_t)p->nodes[l].start, (size_t)p->nodes[r].end, out);
    if (rc < 0)
        return rc;
    node *n = &p->nodes[*out];
    n->op = op;
    n->a = l;
    n->b = r;
    check_value(p, l);
    check_value(p, r);
    int h = p->nodes[l].height > p->nodes[r].height ? p->nodes[l].height : p->nodes[r].height;
    return set_height(p, *out, h);
}

static int intern_ref(parser *p, int kind, const char *name, size_t len, int *out)
{
    for (int i = 0; i < p->nrefs; i++)
        if (p->refs[i].kind == kind && strlen(p->refs[i].name) == len &&
            memcmp(p->refs[i].name, name, len) == 0) {
            *out = i;
            return R57_OK;
        }
    if (grow((void **)&p->refs, &p->caprefs, p->nrefs + 1, sizeof(ref)) < 0)
        return R57_ENOMEM;
    char *copy = r57__strndup(name, len);
    if (!copy)
        return r57__error_nomem();
    p->refs[p->nrefs].name = copy;
    p->refs[p->nrefs].kind = kind;
    *out = p->nrefs++;
    return R57_OK;
}

static int enter(parser *p, size_t off)
{
    if (++p->nest > MAX_NEST)
        return syntax(p, off, "the formula is nested too deeply");
    return R57_OK;
}

/* ---- the parser ---------------------------------------------------------------- */

static int parse_expr(parser *p, int *out);
static int parse_unary(parser *p, int *out);

/* An optionally signed integer at i (blanks before it skipped), for
 * offsets and relative windows; *end is after its last digit. */
static int scan_int(parser *p, size_t i, int *value, size_t *end)
{
    i = skip_blanks(p, i);
    size_t start = i;
    int neg = 0;
    if (at(p, i) == '-' || at(p, i) == '+') {
        neg = at(p, i) == '-';
        i++;
    }
    if (!is_digit(at(p, i)))
        return syntax(p, i, "expected a whole number of periods, e.g. -1");
    long v = 0;
    while (is_digit(at(p, i))) {
        if (v <= MAX_OFFSET)
            v = v * 10 + (at(p, i) - '0');
        i++;
    }
    if (v > MAX_OFFSET)
        return syntax(p, start, "the offset %.*s is outside -%d..%d", (int)(i - start),
                      p->text + start, MAX_OFFSET, MAX_OFFSET);
    *value = neg ? -(int)v : (int)v;
    *end = i;
    return R57_OK;
}

/* "[n]" after a reference; p->pos is at '['. */
static int parse_offset(parser *p, int refnode)
{
    size_t open = p->pos, i;
    int v;
    int rc = scan_int(p, open + 1, &v, &i);
    if (rc < 0)
        return rc;
    i = skip_blanks(p, i);
    if (at(p, i) == '.' && at(p, i + 1) == '.')
        return syntax(p, open,
                      "a reference takes a single period offset like [-1]; a window [a..b] is the "
                      "last argument of an aggregation, e.g. sum(#{x}, [-4..0])");
    if (i >= p->len)
        return syntax(p, open, "'[' is not closed");
    if (at(p, i) != ']')
        return syntax(p, i, "expected ']'");
    p->pos = i + 1;
    p->nodes[refnode].offset = v;
    p->nodes[refnode].end = (int)p->pos;
    return R57_OK;
}

/* "[lo..hi]" in value position; p->pos is at '['. */
static int parse_rel_window(parser *p, int *out)
{
    size_t open = p->pos, i;
    int lo, hi;
    int rc = scan_int(p, open + 1, &lo, &i);
    if (rc < 0)
        return rc;
    i = skip_blanks(p, i);
    if (i >= p->len)
        return syntax(p, open, "'[' is not closed");
    if (at(p, i) != '.' || at(p, i + 1) != '.')
        return syntax(p, i, "expected '..' in a period window like [-4..0]");
    size_t hi_at = skip_blanks(p, i + 2);
    if ((rc = scan_int(p, i + 2, &hi, &i)) < 0)
        return rc;
    i = skip_blanks(p, i);
    if (i >= p->len)
        return syntax(p, open, "'[' is not closed");
    if (at(p, i) != ']')
        return syntax(p, i, "expected ']'");
    if (hi < lo)
        return syntax(p, hi_at, "the window [%d..%d] ends before it starts", lo, hi);
    p->pos = i + 1;
    if ((rc = new_node(p, N_WIN, open, p->pos, out)) < 0)
        return rc;
    p->nodes[*out].rel = 1;
    p->nodes[*out].lo = lo;
    p->nodes[*out].hi = hi;
    return R57_OK;
}

static int parse_range(parser *p, const tok *t, int *out)
{
    char msg[128];
    size_t off = 0;
    int positional = 0;
    r57_period period;
    int rc = r57__period_scan(&period, p->text + t->start, t->end - t->start, &off, &positional,
                              msg, sizeof msg);
    if (rc < 0)
        return syntax(p, t->start + off, "%s", msg);
    p->pos = t->end;
    if ((rc = new_node(p, N_WIN, t->start, t->end, out)) < 0)
        return rc;
    p->nodes[*out].period = period;
    return R57_OK;
}

/* Checks a call once its arguments are known (semantic errors only). */
static void check_call(parser *p, int call, int fn, size_t name_start)
{
    const node *n = &p->nodes[call];
    int last = -1;
    for (int a = n->a; a >= 0; a = p->nodes[a].next)
        last = a;
    const char *name = functions[fn].name;
    int agg = fn == F_SUM || fn == F_AVG || fn == F_COUNT || fn == F_MIN || fn == F_MAX;
    int window_last = last >= 0 && p->nodes[last].kind == N_WIN;
    if (agg && window_last && n->nargs != 2) {
        semantic(p, name_start, "%s() with a period window takes 2 arguments, got %d", name,
                 n->nargs);
        return;
    }
    for (int a = n->a; a >= 0; a = p->nodes[a].next)
        if (!(agg && window_last && a == last))
            check_value(p, a);
    if (fn == F_SUM || fn == F_AVG || fn == F_COUNT) {
        if (n->nargs != 2 || !window_last)
            semantic(p, name_start,
                     "%s() takes an expression and a period window, e.g. %s(#{x}, 2026..2030)",
                     name, name);
        return;
    }
    if (n->nargs < functions[fn].min_args) {
        if (functions[fn].max_args < 0)
            semantic(p, name_start, "%s() takes at least %d argument%s, got %d", name,
                     functions[fn].min_args, functions[fn].min_args == 1 ? "" : "s", n->nargs);
        else
            semantic(p, name_start, "%s() takes %d argument%s, got %d", name,
                     functions[fn].min_args, functions[fn].min_args == 1 ? "" : "s", n->nargs);
    } else if (functions[fn].max_args >= 0 && n->nargs > functions[fn].max_args) {
        semantic(p, name_start, "%s() takes %d argument%s, got %d", name, functions[fn].max_args,
                 functions[fn].max_args == 1 ? "" : "s", n->nargs);
    }
}

/* name "(" [expr {"," expr}] ")"; p->pos is after the name. */
static int parse_call(parser *p, const tok *name, int *out)
{
    tok t;
    int rc, last = -1, arg;
    size_t open = skip_blanks(p, p->pos);
    p->pos = open + 1;
    if ((rc = enter(p, open)) < 0)
        return rc;
    if ((rc = new_node(p, N_CALL, name->start, name->end, out)) < 0)
        return rc;
    int fn = find_function(p->text + name->start, name->end - name->start);
    p->nodes[*out].op = fn;
    if ((rc = peek(p, &t)) < 0)
        return rc;
    if (t.type == T_RPAR) {
        p->pos = t.end;
    } else {
        for (;;) {
            if ((rc = parse_expr(p, &arg)) < 0)
                return rc;
            node *c = &p->nodes[*out];
            if (last < 0)
                c->a = arg;
            else
                p->nodes[last].next = arg;
            last = arg;
            c->nargs++;
            if ((rc = set_height(p, *out, p->nodes[arg].height)) < 0)
                return rc;
            if ((rc = peek(p, &t)) < 0)
                return rc;
            if (t.type == T_COMMA) {
                p->pos = t.end;
                continue;
            }
            if (t.type == T_RPAR) {
                p->pos = t.end;
                break;
            }
            if (t.type == T_END)
                return syntax(p, open, "'(' is not closed");
            return syntax(p, t.start, "expected ',' or ')'");
        }
    }
    p->nest--;
    p->nodes[*out].end = (int)p->pos;
    if (fn < 0)
        semantic(p, name->start, "unknown function '%.*s'", (int)(name->end - name->start),
                 p->text + name->start);
    else
        check_call(p, *out, fn, name->start);
    return R57_OK;
}

static int parse_primary(parser *p, int *out)
{
    tok t;
    int rc = peek(p, &t);
    if (rc < 0)
        return rc;
    switch (t.type) {
    case T_NUM:
        if ((rc = new_node(p, N_NUM, t.start, t.end, out)) < 0)
            return rc;
        p->nodes[*out].num = t.num;
        p->pos = t.end;
        return R57_OK;
    case T_ELEM:
    case T_IND: {
        int r = -1;
        int kind = t.type == T_ELEM ? R57_REF_ELEMENT : R57_REF_INDICATOR;
        if ((rc = intern_ref(p, kind, p->text + t.name_start, t.name_len, &r)) < 0)
            return rc;
        if ((rc = new_node(p, N_REF, t.start, t.end, out)) < 0)
            return rc;
        p->nodes[*out].ref = r;
        p->pos = t.end;
        size_t i = skip_blanks(p, p->pos);
        if (at(p, i) == '[') {
            p->pos = i;
            return parse_offset(p, *out);
        }
        return R57_OK;
    }
    case T_LPAR: {
        if ((rc = enter(p, t.start)) < 0)
            return rc;
        p->pos = t.end;
        if ((rc = parse_expr(p, out)) < 0)
            return rc;
        tok c;
        if ((rc = peek(p, &c)) < 0)
            return rc;
        if (c.type == T_END)
            return syntax(p, t.start, "'(' is not closed");
        if (c.type != T_RPAR)
            return syntax(p, c.start, "expected an operator or ')'");
        p->pos = c.end;
        p->nest--;
        /* The parenthesised expression's text includes its parentheses,
         * so a reason quotes "(a - b) / c" whole. */
        p->nodes[*out].start = (int)t.start;
        p->nodes[*out].end = (int)c.end;
        return R57_OK;
    }
    case T_IDENT: {
        const char *s = p->text + t.start;
        size_t n = t.end - t.start;
        for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
            if (tok_is(p, &t, keywords[k]))
                return syntax(p, t.start, "expected a value");
        p->pos = t.end;
        if (at(p, skip_blanks(p, p->pos)) == '(')
            return parse_call(p, &t, out);
        /* "members" is the window of the current period's members, unless
         * a definition took the name. */
        if (tok_is(p, &t, "members")) {
            int bound = 0;
            for (int b = 0; b < p->nbinds; b++)
                bound |= (size_t)p->binds[b].name_len == n &&
                         memcmp(p->text + p->binds[b].name_start, s, n) == 0;
            if (!bound) {
                if ((rc = new_node(p, N_WIN, t.start, t.end, out)) < 0)
                    return rc;
                p->nodes[*out].members = 1;
                return R57_OK;
            }
        }
        if ((rc = new_node(p, N_NAME, t.start, t.end, out)) < 0)
            return rc;
        p->nodes[*out].ref = -1;
        for (int b = 0; b < p->nbinds; b++)
            if ((size_t)p->binds[b].name_len == n &&
                memcmp(p->text + p->binds[b].name_start, s, n) == 0) {
                p->nodes[*out].ref = b;
                p->binds[b].used = 1;
                return set_height(p, *out, p->nodes[p->binds[b].root].height);
            }
        if (find_function(s, n) >= 0)
            semantic(p, t.start, "'%.*s' is a function: write %.*s(...)", (int)n, s, (int)n, s);
        else
            semantic(p, t.start,
                     "unknown name '%.*s'; write #{%.*s} for a data element or I{%.*s} for an "
                     "indicator",
                     (int)n, s, (int)n, s, (int)n, s);
        return R57_OK;
    }
    case T_RANGE: return parse_range(p, &t, out);
    case T_LBRACK: p->pos = t.start; return parse_rel_window(p, out);
    default: return syntax(p, t.start, "expected a value");
    }
}

static int parse_postfix(parser *p, int *out)
{
    tok t;
    int rc = peek(p, &t);
    if (rc < 0 || (rc = parse_primary(p, out)) < 0)
        return rc;
    size_t i = skip_blanks(p, p->pos);
    if (at(p, i) == '[') {
        /* A reference consumed its own offset; this is a second one. */
        if (t.type == T_ELEM || t.type == T_IND)
            return syntax(p, i, "a reference takes a single period offset");
        return syntax(p, i, "a period offset like [-1] can only follow a reference");
    }
    return R57_OK;
}

/* power = postfix ["^" unary]: right-associative, and above unary minus,
 * so -2^2 is -(2^2) and 2^-1 is 2^(-1). */
static int parse_pow(parser *p, int *out)
{
    tok t;
    int rc, r;
    if ((rc = parse_postfix(p, out)) < 0 || (rc = peek(p, &t)) < 0)
        return rc;
    if (t.type != T_CARET)
        return R57_OK;
    p->pos = t.end;
    if ((rc = enter(p, t.start)) < 0 || (rc = parse_unary(p, &r)) < 0)
        return rc;
    p->nest--;
    return new_bin(p, OP_POW, *out, r, out);
}

static int parse_unary(parser *p, int *out)
{
    tok t;
    int rc, child;
    if ((rc = peek(p, &t)) < 0)
        return rc;
    if (t.type != T_MINUS && t.type != T_PLUS)
        return parse_pow(p, out);
    p->pos = t.end;
    if ((rc = enter(p, t.start)) < 0 || (rc = parse_unary(p, &child)) < 0)
        return rc;
    p->nest--;
    if (t.type == T_PLUS) {
        check_value(p, child);
        *out = child;
        return R57_OK;
    }
    return new_unary(p, N_NEG, t.start, child, out);
}

static int parse_binary_level(parser *p, int *out, int level);

static int parse_term(parser *p, int *out) { return parse_binary_level(p, out, 0); }
static int parse_sum(parser *p, int *out) { return parse_binary_level(p, out, 1); }

/* Level 0: * and /; level 1: + and - (both left-associative). */
static int parse_binary_level(parser *p, int *out, int level)
{
    tok t;
    int rc, r;
    if ((rc = level ? parse_term(p, out) : parse_unary(p, out)) < 0)
        return rc;
    for (;;) {
        if ((rc = peek(p, &t)) < 0)
            return rc;
        int op;
        if (level == 0 && t.type == T_STAR)
            op = OP_MUL;
        else if (level == 0 && t.type == T_SLASH)
            op = OP_DIV;
        else if (level == 1 && t.type == T_PLUS)
            op = OP_ADD;
        else if (level == 1 && t.type == T_MINUS)
            op = OP_SUB;
        else
            return R57_OK;
        p->pos = t.end;
        if ((rc = level ? parse_term(p, &r) : parse_unary(p, &r)) < 0 ||
            (rc = new_bin(p, op, *out, r, out)) < 0)
            return rc;
    }
}

static int cmp_op(int type)
{
    switch (type) {
    case T_LT: return OP_LT;
    case T_LE: return OP_LE;
    case T_GT: return OP_GT;
    case T_GE: return OP_GE;
    case T_EQ: return OP_EQ;
    case T_NE: return OP_NE;
    default: return -1;
    }
}

static int parse_cmp(parser *p, int *out)
{
    tok t;
    int rc, r, op;
    if ((rc = parse_sum(p, out)) < 0 || (rc = peek(p, &t)) < 0)
        return rc;
    if ((op = cmp_op(t.type)) < 0)
        return R57_OK;
    p->pos = t.end;
    if ((rc = parse_sum(p, &r)) < 0 || (rc = new_bin(p, op, *out, r, out)) < 0 ||
        (rc = peek(p, &t)) < 0)
        return rc;
    if (cmp_op(t.type) >= 0)
        return syntax(p, t.start, "comparisons cannot be chained; join them with 'and'");
    return R57_OK;
}

static int parse_not(parser *p, int *out)
{
    tok t;
    int rc, child;
    if ((rc = peek(p, &t)) < 0)
        return rc;
    if (!tok_is(p, &t, "not"))
        return parse_cmp(p, out);
    p->pos = t.end;
    if ((rc = enter(p, t.start)) < 0 || (rc = parse_not(p, &child)) < 0)
        return rc;
    p->nest--;
    return new_unary(p, N_NOT, t.start, child, out);
}

static int parse_logic(parser *p, int *out, int is_or)
{
    tok t;
    int rc, r;
    if ((rc = is_or ? parse_logic(p, out, 0) : parse_not(p, out)) < 0)
        return rc;
    for (;;) {
        if ((rc = peek(p, &t)) < 0)
            return rc;
        if (!tok_is(p, &t, is_or ? "or" : "and"))
            return R57_OK;
        p->pos = t.end;
        if ((rc = is_or ? parse_logic(p, &r, 0) : parse_not(p, &r)) < 0 ||
            (rc = new_bin(p, is_or ? OP_OR : OP_AND, *out, r, out)) < 0)
            return rc;
    }
}

static int parse_expr(parser *p, int *out) { return parse_logic(p, out, 1); }

/* formula = {"let" name "=" expr ";"} expr */
static int parse_formula(parser *p, int *out)
{
    tok t, n;
    int rc, root;
    for (;;) {
        if ((rc = peek(p, &t)) < 0)
            return rc;
        if (!tok_is(p, &t, "let"))
            break;
        p->pos = t.end;
        if ((rc = peek(p, &n)) < 0)
            return rc;
        if (n.type != T_IDENT)
            return syntax(p, n.start, "expected a name after 'let'");
        const char *s = p->text + n.start;
        int len = (int)(n.end - n.start);
        p->pos = n.end;
        if ((rc = peek(p, &t)) < 0)
            return rc;
        if (t.type != T_EQ || t.end - t.start != 1)
            return syntax(p, t.start, "expected '=' after 'let %.*s'", len, s);
        p->pos = t.end;
        if ((rc = parse_expr(p, &root)) < 0)
            return rc;
        check_value(p, root);
        if ((rc = peek(p, &t)) < 0)
            return rc;
        if (t.type != T_SEMI)
            return syntax(p, t.start, "expected ';' after the definition of '%.*s'", len, s);
        p->pos = t.end;
        if (is_reserved(s, (size_t)len)) {
            semantic(p, n.start, "'%.*s' is a reserved word and cannot be defined", len, s);
            continue;
        }
        int dup = 0;
        for (int b = 0; b < p->nbinds; b++)
            if (p->binds[b].name_len == len &&
                memcmp(p->text + p->binds[b].name_start, s, (size_t)len) == 0)
                dup = 1;
        if (dup) {
            semantic(p, n.start, "name '%.*s' is already defined", len, s);
            continue;
        }
        if (grow((void **)&p->binds, &p->capbinds, p->nbinds + 1, sizeof(binding)) < 0)
            return R57_ENOMEM;
        p->binds[p->nbinds++] = (binding){ (int)n.start, len, root, 0 };
    }
    if ((rc = parse_expr(p, out)) < 0 || (rc = peek(p, &t)) < 0)
        return rc;
    if (t.type == T_RPAR)
        return syntax(p, t.start, "')' without a matching '('");
    if (t.type != T_END)
        return syntax(p, t.start, "expected an operator or the end of the formula");
    check_value(p, *out);
    for (int b = 0; b < p->nbinds; b++)
        if (!p->binds[b].used)
            semantic(p, (size_t)p->binds[b].name_start, "name '%.*s' is defined but not used",
                     p->binds[b].name_len, p->text + p->binds[b].name_start);
    return R57_OK;
}

/* ---- code generation --------------------------------------------------------- */

typedef struct codegen {
    parser *p;
    insn *code;
    span *spans;
    int n, cap, capspans;
    int depth, max_depth;
    int windows, max_windows;
    int members; /* a window is "members" */
    struct {
        int ref, offset;
    } * cache;
    int ncache, capcache;
} codegen;

static int emit(codegen *g, int op, const node *src, int *at_out)
{
    if (g->n >= MAX_CODE)
        return error_at(g->p, (size_t)src->start,
                        "the formula is too large (more than 65536 steps with names expanded)");
    if (grow((void **)&g->code, &g->cap, g->n + 1, sizeof(insn)) < 0 ||
        grow((void **)&g->spans, &g->capspans, g->n + 1, sizeof(span)) < 0)
        return R57_ENOMEM;
    memset(&g->code[g->n], 0, sizeof(insn));
    g->code[g->n].op = op;
    g->spans[g->n].start = src->start;
    g->spans[g->n].end = src->end;
    if (at_out)
        *at_out = g->n;
    g->n++;
    return R57_OK;
}

static void push(codegen *g, int n)
{
    g->depth += n;
    if (g->depth > g->max_depth)
        g->max_depth = g->depth;
}

static int cache_slot(codegen *g, int r, int offset)
{
    for (int i = 0; i < g->ncache; i++)
        if (g->cache[i].ref == r && g->cache[i].offset == offset)
            return i;
    if (grow((void **)&g->cache, &g->capcache, g->ncache + 1, sizeof *g->cache) < 0)
        return R57_ENOMEM;
    g->cache[g->ncache].ref = r;
    g->cache[g->ncache].offset = offset;
    return g->ncache++;
}

static int gen_node(codegen *g, int idx);

static int gen_args(codegen *g, const node *n)
{
    int rc;
    for (int a = n->a; a >= 0; a = g->p->nodes[a].next)
        if ((rc = gen_node(g, a)) < 0)
            return rc;
    return R57_OK;
}

static int gen_call(codegen *g, const node *n)
{
    parser *p = g->p;
    int rc, i1, i2;
    const node *a1 = &p->nodes[n->a];
    switch (n->op) {
    case F_IF: {
        const node *then = &p->nodes[a1->next];
        if ((rc = gen_node(g, n->a)) < 0 || (rc = emit(g, OP_JF, n, &i1)) < 0)
            return rc;
        g->depth--;
        if ((rc = gen_node(g, a1->next)) < 0 || (rc = emit(g, OP_JMP, n, &i2)) < 0)
            return rc;
        g->depth--;
        g->code[i1].a = g->n;
        if ((rc = gen_node(g, then->next)) < 0)
            return rc;
        g->code[i2].a = g->n;
        g->code[i1].b = g->n;
        return R57_OK;
    }
    case F_COALESCE: {
        int jumps[64], nj = 0, a;
        for (a = n->a; p->nodes[a].next >= 0; a = p->nodes[a].next) {
            if ((rc = gen_node(g, a)) < 0 || (rc = emit(g, OP_COALESCE, n, &i1)) < 0)
                return rc;
            g->depth--;
            if (nj < 64) {
                jumps[nj++] = i1;
            } else {
                /* Many arguments: point the older jumps to this one,
                 * which jumps on to the end in turn. */
                for (int k = 0; k < nj; k++)
                    g->code[jumps[k]].a = i1;
                jumps[0] = i1;
                nj = 1;
            }
        }
        if ((rc = gen_node(g, a)) < 0)
            return rc;
        for (int k = 0; k < nj; k++)
            g->code[jumps[k]].a = g->n;
        return R57_OK;
    }
    case F_IS_NULL:
    case F_ABS:
    case F_LN:
    case F_EXP: {
        static const int ops[] = {
            [F_IS_NULL] = OP_ISNULL, [F_ABS] = OP_ABS, [F_LN] = OP_LN, [F_EXP] = OP_EXP
        };
        if ((rc = gen_node(g, n->a)) < 0)
            return rc;
        return emit(g, ops[n->op], n, NULL);
    }
    default: break;
    }
    /* min, max (scalar or windowed), sum, avg, count */
    const node *last = a1->next >= 0 ? &p->nodes[a1->next] : NULL;
    if (last && last->kind == N_WIN) {
        static const int aggs[] = { [F_SUM] = AGG_SUM,
                                    [F_AVG] = AGG_AVG,
                                    [F_MIN] = AGG_MIN,
                                    [F_MAX] = AGG_MAX,
                                    [F_COUNT] = AGG_COUNT };
        if ((rc = emit(g, OP_AGG_BEGIN, n, &i1)) < 0)
            return rc;
        insn *b = &g->code[i1];
        b->a = aggs[n->op] | (last->rel ? AGG_REL : 0) | (last->members ? AGG_MEMBERS : 0);
        if (last->members) {
            b->c = 0; /* known when evaluated */
            b->u.p = 0;
            g->members = 1;
        } else if (last->rel) {
            b->c = last->hi - last->lo + 1;
            b->u.p = last->lo;
        } else {
            b->c = r57_period_count(last->period);
            r57_period_member(&b->u.p, last->period, 0);
        }
        if (++g->windows > g->max_windows)
            g->max_windows = g->windows;
        if ((rc = gen_node(g, n->a)) < 0 || (rc = emit(g, OP_AGG_STEP, n, &i2)) < 0)
            return rc;
        g->windows--;
        g->code[i1].b = i2;
        g->code[i2].a = i1;
        return R57_OK;
    }
    if ((rc = gen_args(g, n)) < 0 || (rc = emit(g, n->op == F_MIN ? OP_MIN : OP_MAX, n, &i1)) < 0)
        return rc;
    g->code[i1].a = n->nargs;
    g->depth -= n->nargs - 1;
    return R57_OK;
}

static int gen_node(codegen *g, int idx)
{
    const node *n = &g->p->nodes[idx];
    int rc, i;
    switch (n->kind) {
    case N_NUM:
        if ((rc = emit(g, OP_NUM, n, &i)) < 0)
            return rc;
        g->code[i].u.num = n->num;
        push(g, 1);
        return R57_OK;
    case N_REF: {
        int slot = -1;
        if (!g->windows && (slot = cache_slot(g, n->ref, n->offset)) < 0)
            return slot;
        if ((rc = emit(g, OP_REF, n, &i)) < 0)
            return rc;
        g->code[i].a = n->ref;
        g->code[i].b = n->offset;
        g->code[i].c = slot;
        push(g, 1);
        return R57_OK;
    }
    case N_NAME:
        /* A name stands for its definition, evaluated where it is used. */
        return gen_node(g, g->p->binds[n->ref].root);
    case N_NEG:
    case N_NOT:
        if ((rc = gen_node(g, n->a)) < 0)
            return rc;
        return emit(g, n->kind == N_NEG ? OP_NEG : OP_NOT, n, NULL);
    case N_BIN:
        if (n->op == OP_AND || n->op == OP_OR) {
            if ((rc = gen_node(g, n->a)) < 0 ||
                (rc = emit(g, n->op == OP_AND ? OP_AND_SC : OP_OR_SC, n, &i)) < 0 ||
                (rc = gen_node(g, n->b)) < 0 || (rc = emit(g, n->op, n, NULL)) < 0)
                return rc;
            g->code[i].a = g->n;
        } else if ((rc = gen_node(g, n->a)) < 0 || (rc = gen_node(g, n->b)) < 0 ||
                   (rc = emit(g, n->op, n, NULL)) < 0) {
            return rc;
        }
        g->depth--;
        return R57_OK;
    case N_CALL: return gen_call(g, n);
    default:
        /* N_WIN never reaches here: check_value rejected it. */
        return r57__error(R57_ERROR, "formula: internal error: unexpected node");
    }
}

/* ---- compile ------------------------------------------------------------------ */

static void free_refs(ref *refs, int n)
{
    for (int i = 0; i < n; i++)
        r57__free(refs[i].name);
    r57__free(refs);
}

int r57__formula_uses_members(const r57_formula *f) { return f ? f->members : 0; }

void r57_formula_free(r57_formula *f)
{
    if (!f)
        return;
    r57__free(f->text);
    r57__free(f->code);
    r57__free(f->spans);
    free_refs(f->refs, f->nrefs);
    r57__free(f);
}

int r57_formula_compile(r57_formula **out, const char *text)
{
    parser p;
    codegen g;
    int rc, root = -1;
    r57_formula *f = NULL;
    if (!out)
        return r57__error(R57_EINVAL, "r57_formula_compile: out is NULL");
    *out = NULL;
    if (!text)
        return r57__error(R57_EINVAL, "r57_formula_compile: text is NULL");
    size_t len = strlen(text);
    if (len > MAX_TEXT)
        return r57__error(R57_EINVAL, "r57_formula_compile: the formula is longer than %d bytes",
                          MAX_TEXT);
    memset(&p, 0, sizeof p);
    memset(&g, 0, sizeof g);
    p.text = text;
    p.len = len;
    rc = parse_formula(&p, &root);
    if (rc == R57_OK && p.sem_set)
        rc = p.sem_msg.failed ? r57__error_nomem() : error_at(&p, (size_t)p.sem_off, p.sem_msg.ptr);
    if (rc == R57_OK) {
        g.p = &p;
        rc = gen_node(&g, root);
    }
    if (rc == R57_OK) {
        f = r57__calloc(1, sizeof *f);
        if (!f || !(f->text = r57__strndup(text, len)))
            rc = r57__error_nomem();
    }
    if (rc == R57_OK) {
        f->code = g.code;
        f->spans = g.spans;
        f->ncode = g.n;
        f->refs = p.refs;
        f->nrefs = p.nrefs;
        f->max_stack = g.max_depth;
        f->max_frames = g.max_windows;
        f->ncache = g.ncache;
        f->members = g.members;
        g.code = NULL;
        g.spans = NULL;
        p.refs = NULL;
        p.nrefs = 0;
        *out = f;
        f = NULL;
    }
    r57_formula_free(f);
    r57__free(g.code);
    r57__free(g.spans);
    r57__free(g.cache);
    free_refs(p.refs, p.nrefs);
    r57__free(p.nodes);
    r57__free(p.binds);
    r57__buf_free(&p.sem_msg);
    return rc;
}

const char *r57_formula_text(const r57_formula *f) { return f ? f->text : NULL; }

size_t r57_formula_ref_count(const r57_formula *f) { return f ? (size_t)f->nrefs : 0; }

const char *r57_formula_ref_name(const r57_formula *f, size_t r)
{
    return f && r < (size_t)f->nrefs ? f->refs[r].name : NULL;
}

r57_formula_ref_kind_t r57_formula_ref_kind(const r57_formula *f, size_t r)
{
    return f && r < (size_t)f->nrefs ? f->refs[r].kind : R57_REF_INVALID;
}

int r57_formula_ref_find(const r57_formula *f, r57_formula_ref_kind_t kind, const char *name)
{
    if (f && name)
        for (int i = 0; i < f->nrefs; i++)
            if (f->refs[i].kind == kind && strcmp(f->refs[i].name, name) == 0)
                return i;
    return R57_ENOTFOUND;
}

/* ---- evaluation ------------------------------------------------------------- */

/* A value, or no value (nv != 0) with its cause: the instruction (ip) and,
 * by kind, the period it was missing for (MISSING), the DOM_* sub-cause
 * (DOMAIN), or the period shifted out of range with the shift in v
 * (PERIOD). */
typedef struct slot {
    double v;
    int32_t nv;
    int32_t ip;
    r57_period period;
} slot;

typedef struct frame {
    r57_period saved; /* the period outside the window */
    r57_period base;  /* member i is base shifted by off0 + i */
    int32_t off0, i, n, kind, cnt, begin;
    double acc;
    slot miss; /* the first member without a value (strict kinds) */
    int missing;
} frame;

typedef struct centry {
    slot s;
    uint32_t gen;
} centry;

struct r57_formula_result {
    int has;
    int failed;
    slot why;
    int missing_ref; /* for R57_NOVALUE_MISSING */
    const r57_formula *f;
    int reason_built;
    r57__buf reason;
    slot *stack;
    int stack_cap;
    frame *frames;
    int frames_cap;
    centry *cache;
    int cache_cap;
    uint32_t gen;
};

int r57_formula_result_new(r57_formula_result **out)
{
    if (!out)
        return r57__error(R57_EINVAL, "r57_formula_result_new: out is NULL");
    *out = r57__calloc(1, sizeof **out);
    if (!*out)
        return r57__error_nomem();
    (*out)->failed = 1; /* nothing evaluated yet */
    return R57_OK;
}

void r57_formula_result_free(r57_formula_result *r)
{
    if (!r)
        return;
    r57__buf_free(&r->reason);
    r57__free(r->stack);
    r57__free(r->frames);
    r57__free(r->cache);
    r57__free(r);
}

static int reserve(void **ptr, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return R57_OK;
    void *q = r57__realloc(*ptr, (size_t)need * size);
    if (!q)
        return r57__error_nomem();
    *ptr = q;
    *cap = need;
    return R57_OK;
}

static void domain(slot *s, double x, int ip)
{
    s->nv = R57_NOVALUE_DOMAIN;
    s->ip = ip;
    s->period = isnan(x) ? DOM_NAN : DOM_OVERFLOW;
}

/* Moves a window to its next member that exists.  Returns 1 when the
 * window is done (all members seen, or a strict kind met a gap). */
static int window_next(frame *fr, r57_period *cur)
{
    while (fr->i < fr->n) {
        r57_period at;
        if (r57__period_shift(&at, fr->base, (long)fr->off0 + fr->i) == 0) {
            *cur = at;
            return 0;
        }
        if ((fr->kind & 0xff) != AGG_COUNT) {
            fr->miss.nv = R57_NOVALUE_PERIOD;
            fr->miss.ip = fr->begin;
            fr->miss.period = fr->base;
            fr->miss.v = (double)(fr->off0 + fr->i);
            fr->missing = 1;
            return 1;
        }
        fr->i++;
    }
    return 1;
}

static slot window_result(const frame *fr)
{
    slot s = { 0, 0, fr->begin, 0 };
    if (fr->missing)
        return fr->miss;
    switch (fr->kind & 0xff) {
    case AGG_SUM: s.v = fr->acc; break;
    case AGG_AVG: s.v = fr->acc / fr->n; break;
    case AGG_COUNT: s.v = fr->cnt; break;
    default: s.v = fr->acc; break; /* min, max */
    }
    if (!isfinite(s.v))
        domain(&s, s.v, fr->begin);
    return s;
}

int r57_formula_eval(r57_formula_result *r, const r57_formula *f, r57_period period,
                     r57_formula_resolve_fn resolve, void *payload)
{
    if (!r)
        return r57__error(R57_EINVAL, "r57_formula_eval: out is NULL");
    r->has = 0;
    r->failed = 1;
    r->reason_built = 0;
    r->f = f;
    if (!f)
        return r57__error(R57_EINVAL, "r57_formula_eval: formula is NULL");
    if (r57_period_kind(period) < 0)
        return r57__error(R57_EINVAL, "r57_formula_eval: %lld is not a period", (long long)period);
    if (!resolve && f->nrefs)
        return r57__error(R57_EINVAL, "r57_formula_eval: resolve is NULL and '%s' has references",
                          f->text);
    if (reserve((void **)&r->stack, &r->stack_cap, f->max_stack, sizeof(slot)) < 0 ||
        reserve((void **)&r->frames, &r->frames_cap, f->max_frames, sizeof(frame)) < 0)
        return R57_ENOMEM;
    if (f->ncache > r->cache_cap) {
        centry *c = r57__realloc(r->cache, (size_t)f->ncache * sizeof(centry));
        if (!c)
            return r57__error_nomem();
        memset(c + r->cache_cap, 0, (size_t)(f->ncache - r->cache_cap) * sizeof(centry));
        r->cache = c;
        r->cache_cap = f->ncache;
    }
    /* Cache entries from earlier evaluations are stale by generation. */
    if (++r->gen == 0) {
        memset(r->cache, 0, (size_t)r->cache_cap * sizeof(centry));
        r->gen = 1;
    }
    const uint32_t gen = r->gen;
    const insn *code = f->code;
    const int ncode = f->ncode;
    slot *sp = r->stack;
    frame *fp = r->frames;
    r57_period cur = period;
    int ip = 0;

    while (ip < ncode) {
        const insn *in = &code[ip];
        switch (in->op) {
        case OP_NUM:
            sp->v = in->u.num;
            sp->nv = 0;
            sp++;
            ip++;
            break;
        case OP_REF: {
            centry *ce = in->c >= 0 ? &r->cache[in->c] : NULL;
            if (ce && ce->gen == gen) {
                *sp++ = ce->s;
                ip++;
                break;
            }
            slot s = { 0, 0, ip, 0 };
            r57_period when = cur;
            if (in->b && r57__period_shift(&when, cur, in->b) < 0) {
                s.nv = R57_NOVALUE_PERIOD;
                s.period = cur;
                s.v = in->b;
            } else {
                double v = 0;
                bool has = false;
                const ref *rf = &f->refs[in->a];
                int rc = r57__callback_rc(resolve(&v, &has, in->a, rf->name, rf->kind, when,
                                                  payload),
                                          "r57_formula_eval stopped by the resolver");
                if (rc)
                    return rc;
                if (!has) {
                    s.nv = R57_NOVALUE_MISSING;
                    s.period = when;
                } else if (!isfinite(v)) {
                    char text[R57_PERIOD_TEXT_SIZE];
                    r57_period_format(text, sizeof text, when);
                    return r57__error(R57_EINVAL,
                                      "r57_formula_eval: the resolver gave %s{%s} a value for %s "
                                      "that "
                                      "is not a finite number",
                                      rf->kind == R57_REF_ELEMENT ? "#" : "I", rf->name, text);
                } else {
                    s.v = v;
                }
            }
            if (ce) {
                ce->s = s;
                ce->gen = gen;
            }
            *sp++ = s;
            ip++;
            break;
        }
        case OP_NEG:
            if (!sp[-1].nv)
                sp[-1].v = -sp[-1].v;
            ip++;
            break;
        case OP_NOT:
            if (!sp[-1].nv)
                sp[-1].v = sp[-1].v == 0.0;
            ip++;
            break;
            /* Each binary operator has its own case (one dispatch, not two).
         * BINARY pops b into a; a no-value operand, left first, is the
         * result.  Comparisons cannot overflow; arithmetic is checked. */
#define BINARY(OPCODE, EXPR, CHECKED)                                                              \
    case OPCODE: {                                                                                 \
        slot *a = &sp[-2];                                                                         \
        const slot *b = &sp[-1];                                                                   \
        sp--;                                                                                      \
        if (a->nv) {                                                                               \
        } else if (b->nv) {                                                                        \
            *a = *b;                                                                               \
        } else {                                                                                   \
            double x = a->v, y = b->v, z = (EXPR);                                                 \
            if (!(CHECKED) || isfinite(z))                                                         \
                a->v = z;                                                                          \
            else                                                                                   \
                domain(a, z, ip);                                                                  \
        }                                                                                          \
        ip++;                                                                                      \
        break;                                                                                     \
    }
            BINARY(OP_ADD, x + y, 1)
            BINARY(OP_SUB, x - y, 1)
            BINARY(OP_MUL, x * y, 1)
            BINARY(OP_LT, x < y, 0)
            BINARY(OP_LE, x <= y, 0)
            BINARY(OP_GT, x > y, 0)
            BINARY(OP_GE, x >= y, 0)
            BINARY(OP_EQ, x == y, 0)
            BINARY(OP_NE, x != y, 0)
#undef BINARY
        case OP_DIV:
        case OP_POW: {
            slot *a = &sp[-2];
            const slot *b = &sp[-1];
            sp--;
            if (a->nv) {
            } else if (b->nv) {
                *a = *b;
            } else if (in->op == OP_DIV ? b->v == 0.0 : a->v == 0.0 && b->v < 0.0) {
                /* x / 0 and 0 ^ negative */
                a->nv = R57_NOVALUE_DIVZERO;
                a->ip = ip;
            } else {
                double z = in->op == OP_DIV ? a->v / b->v : pow(a->v, b->v);
                if (isfinite(z))
                    a->v = z;
                else
                    domain(a, z, ip);
            }
            ip++;
            break;
        }
        case OP_AND_SC:
        case OP_OR_SC: {
            /* A known false (and) or true (or) left side decides alone. */
            slot *a = &sp[-1];
            int decided = !a->nv && (in->op == OP_AND_SC ? a->v == 0.0 : a->v != 0.0);
            if (decided) {
                a->v = in->op == OP_OR_SC;
                ip = in->a;
            } else {
                ip++;
            }
            break;
        }
        case OP_AND:
        case OP_OR: {
            slot *a = &sp[-2];
            const slot *b = &sp[-1];
            int is_or = in->op == OP_OR;
            sp--;
            ip++;
            if (!b->nv && (is_or ? b->v != 0.0 : b->v == 0.0)) {
                a->nv = 0;
                a->v = is_or;
            } else if (a->nv) {
                /* a's cause stands */
            } else if (b->nv) {
                *a = *b;
            } else {
                a->v = !is_or;
            }
            break;
        }
        case OP_JF:
            if (sp[-1].nv) {
                ip = in->b; /* no condition, no value: the cause is the result */
            } else {
                sp--;
                ip = sp->v != 0.0 ? ip + 1 : in->a;
            }
            break;
        case OP_JMP: ip = in->a; break;
        case OP_ISNULL:
            sp[-1].v = sp[-1].nv != 0;
            sp[-1].nv = 0;
            ip++;
            break;
        case OP_COALESCE:
            if (!sp[-1].nv) {
                ip = in->a;
            } else {
                sp--;
                ip++;
            }
            break;
        case OP_MIN:
        case OP_MAX: {
            slot *first = sp - in->a, res = *first;
            for (slot *s = first + 1; s < sp && !res.nv; s++) {
                if (s->nv)
                    res = *s;
                else if (in->op == OP_MIN ? s->v < res.v : s->v > res.v)
                    res.v = s->v;
            }
            *first = res;
            sp = first + 1;
            ip++;
            break;
        }
        case OP_ABS:
            if (!sp[-1].nv)
                sp[-1].v = fabs(sp[-1].v);
            ip++;
            break;
        case OP_LN:
            if (!sp[-1].nv) {
                if (sp[-1].v <= 0.0) {
                    sp[-1].nv = R57_NOVALUE_DOMAIN;
                    sp[-1].ip = ip;
                    sp[-1].period = DOM_LN;
                } else {
                    sp[-1].v = log(sp[-1].v);
                }
            }
            ip++;
            break;
        case OP_EXP:
            if (!sp[-1].nv) {
                double z = exp(sp[-1].v);
                if (isfinite(z))
                    sp[-1].v = z;
                else
                    domain(&sp[-1], z, ip);
            }
            ip++;
            break;
        case OP_AGG_BEGIN: {
            frame *fr = fp++;
            int rel = (in->a & AGG_REL) != 0;
            fr->saved = cur;
            fr->base = rel ? cur : in->u.p;
            fr->off0 = rel ? (int32_t)in->u.p : 0;
            fr->i = 0;
            fr->n = in->c;
            if (in->a & AGG_MEMBERS) {
                fr->n = r57_period_count(cur);
                if (fr->n < 1 || r57_period_member(&fr->base, cur, 0) < 0) {
                    fr->base = cur;
                    fr->n = 1;
                }
            }
            fr->kind = in->a;
            fr->cnt = 0;
            fr->begin = ip;
            fr->missing = 0;
            fr->acc = 0;
            if (window_next(fr, &cur)) {
                *sp++ = window_result(fr);
                cur = fr->saved;
                fp--;
                ip = in->b + 1;
            } else {
                ip++;
            }
            break;
        }
        case OP_AGG_STEP: {
            frame *fr = &fp[-1];
            const slot *v = &sp[-1];
            int kind = fr->kind & 0xff, done = 0;
            sp--;
            if (v->nv) {
                if (kind != AGG_COUNT) {
                    fr->miss = *v;
                    fr->missing = 1;
                    done = 1;
                }
            } else {
                if (kind == AGG_MIN)
                    fr->acc = fr->cnt == 0 || v->v < fr->acc ? v->v : fr->acc;
                else if (kind == AGG_MAX)
                    fr->acc = fr->cnt == 0 || v->v > fr->acc ? v->v : fr->acc;
                else
                    fr->acc += v->v;
                fr->cnt++;
            }
            if (!done) {
                fr->i++;
                done = window_next(fr, &cur);
            }
            if (done) {
                *sp++ = window_result(fr);
                cur = fr->saved;
                fp--;
                ip++;
            } else {
                ip = in->a + 1;
            }
            break;
        }
        default: return r57__error(R57_ERROR, "r57_formula_eval: internal error: bad instruction");
        }
    }
    r->failed = 0;
    r->why = r->stack[0];
    r->has = !r->why.nv;
    r->missing_ref = r->why.nv == R57_NOVALUE_MISSING ? code[r->why.ip].a : -1;
    return R57_OK;
}

bool r57_formula_result_has_value(const r57_formula_result *r) { return r && r->has; }

double r57_formula_result_value(const r57_formula_result *r)
{
    return r && r->has ? r->why.v : NAN;
}

r57_novalue_t r57_formula_result_novalue(const r57_formula_result *r)
{
    if (!r || r->has)
        return R57_NOVALUE_NONE;
    return r->failed ? R57_NOVALUE_NONE : r->why.nv;
}

int r57_formula_result_missing_ref(const r57_formula_result *r)
{
    if (!r || r->has || r->failed || r->why.nv != R57_NOVALUE_MISSING)
        return -1;
    return r->missing_ref;
}

r57_period r57_formula_result_missing_period(const r57_formula_result *r)
{
    if (!r || r->has || r->failed || r->why.nv != R57_NOVALUE_MISSING)
        return R57_PERIOD_NONE;
    return r->why.period;
}

const char *r57_formula_result_reason(r57_formula_result *r)
{
    if (!r || r->has)
        return "";
    if (r->failed)
        return "no value: the evaluation failed";
    if (r->reason_built)
        return r->reason.ptr;
    const r57_formula *f = r->f;
    const slot *w = &r->why;
    const span *sp = &f->spans[w->ip];
    int len = sp->end - sp->start;
    const char *src = f->text + sp->start;
    char when[R57_PERIOD_TEXT_SIZE];
    r->reason.len = 0;
    r->reason.failed = 0;
    switch (w->nv) {
    case R57_NOVALUE_MISSING: {
        const ref *rf = &f->refs[f->code[w->ip].a];
        r57_period_format(when, sizeof when, w->period);
        r57__buf_printf(&r->reason, "no value: %s{%s} has no value for %s",
                        rf->kind == R57_REF_ELEMENT ? "#" : "I", rf->name, when);
        break;
    }
    case R57_NOVALUE_DIVZERO:
        r57__buf_printf(&r->reason, "no value: division by zero in '%.*s'", len, src);
        break;
    case R57_NOVALUE_DOMAIN:
        r57__buf_printf(&r->reason, "no value: %s in '%.*s'",
                        w->period == DOM_LN    ? "ln of a number that is not positive"
                        : w->period == DOM_NAN ? "no real result"
                                               : "the result is too large",
                        len, src);
        break;
    default: /* R57_NOVALUE_PERIOD */
        r57_period_format(when, sizeof when, w->period);
        r57__buf_printf(&r->reason, "no value: %s shifted by %d is outside years 1-9999 in '%.*s'",
                        when, (int)w->v, len, src);
        break;
    }
    if (r->reason.failed || !r->reason.ptr)
        return "no value (the reason could not be built: out of memory)";
    r->reason_built = 1;
    return r->reason.ptr;
}
