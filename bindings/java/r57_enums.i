/*
 * The public enums of org.r57 (TaskStatus, UnitKind, …), generated from the
 * C enums of the headers: SWIG's proper Java enums (enums.swg), one class
 * per enum, each constant the C member without its prefix, holding the C
 * value.  The raw layer (bindings/r57.i) passes enums as ints; code() and
 * of() convert.  A negative member (R57_…_INVALID, R57_KEY_NONE, …: "no
 * answer") is left out and reads as null.  The Javadoc comes from the
 * headers (swig -doxygen).
 *
 * A run of its own, in C++ mode, with each enum read as an `enum class`:
 * C puts every enum member in one scope, where R57_STATUS_DONE and
 * R57_RATING_DONE would both be renamed DONE and collide; an enum class
 * scopes them as Java does.  Only the Java classes of this run are used
 * (bindings/java/meson.build).
 */
%module capiEnums

/* This run's module classes are empty: package-private. */
%pragma(java) moduleclassmodifiers = "final class"
%pragma(java) jniclassclassmodifiers = "final class"

%include <enums.swg>

/* Only the enums: no functions, structs or macros. */
%rename("$ignore", %$isfunction) "";
%rename("$ignore", %$isclass) "";
%rename("$ignore", %$isconstant) "";
%rename("$ignore", %$isvariable) "";
/* The enums the raw layer keeps as int constants: result codes
 * (ErrorCode), and the values no public Java type carries. */
%ignore r57_result_t;
%ignore r57_unknown_fields_t;
%ignore r57_resolve_mode_t;
%ignore r57_formula_ref_kind_t;
%ignore r57_novalue_t;
%ignore r57_target_aggregate_t;

/* Literal values: no JNI call to learn them. */
%javaconst(1);

%typemap(javabody) enum SWIGTYPE %{
  private final int code;

  $javaclassname(int code) {
    this.code = code;
  }

  /** The C value. */
  int code() {
    return code;
  }

  /** The constant of a C value; null for a negative one ("no answer"). */
  static $javaclassname of(int code) {
    return code < 0 ? null : Labels.byCode(values(), code, v -> v.code);
  }
%}

/* label() and toString(): the library's name of the constant (NAMEFN). */
%define R57_LABEL(NAMEFN)
  /** The library's name of the constant, e.g. as in its JSON and messages. */
  public String label() {
    return capi.NAMEFN(code);
  }

  /** The library's name ({@link #label()}). */
  @Override
  public String toString() {
    return label();
  }
%enddef

/* JNAME, the enum of CTYPE: label(), and parse(String), which compares
 * the labels. */
%define R57_ENUM(CTYPE, JNAME, NAMEFN)
%rename(JNAME) CTYPE;
%typemap(javacode) CTYPE %{
R57_LABEL(NAMEFN)

  /**
   * The constant the library names {@code label} (as {@link #toString()} gives it).
   *
   * @throws InvalidInputException if the library knows no such name
   */
  public static JNAME parse(String label) {
    return Labels.byLabel(values(), label, JNAME::label);
  }
%}
%enddef

/* … whose parse(String) asks the library's PARSEFN, which may know more
 * names than the labels ("city" is a province). */
%define R57_ENUM_PARSED(CTYPE, JNAME, NAMEFN, PARSEFN)
%rename(JNAME) CTYPE;
%typemap(javacode) CTYPE %{
R57_LABEL(NAMEFN)

  /**
   * The constant the library names {@code label} (as {@link #toString()} gives it).
   *
   * @throws InvalidInputException if the library knows no such name
   */
  public static JNAME parse(String label) {
    int[] out = new int[1];
    capi.PARSEFN(out, label);
    return of(out[0]);
  }
%}
%enddef

R57_ENUM_PARSED(r57_aggregation_t, Aggregation, r57_aggregation_name, r57_aggregation_parse)
R57_ENUM(r57_attainment_status_t, AttainmentStatus, r57_attainment_status_name)
R57_ENUM(r57_clarity_t, Clarity, r57_clarity_name)
R57_ENUM(r57_clear_field_t, ClearField, r57_clear_field_name)
R57_ENUM_PARSED(r57_comparison_t, Comparison, r57_comparison_name, r57_comparison_parse)
%rename(DeadlineKind) r57_deadline_kind_t;
%typemap(javacode) r57_deadline_kind_t %{
  /** The library's name of the constant, e.g. as in its JSON and messages. */
  public String label() {
    return capi.r57_deadline_kind_name(code);
  }

  /** The library's name ({@link #label()}). */
  @Override
  public String toString() {
    return label();
  }

  /** Whether the deadline recurs (monthly, quarterly, half-yearly, annually). */
  public boolean isRegular() {
    return capi.r57_deadline_kind_is_regular(code);
  }

  /**
   * The constant the library names {@code label} (as {@link #toString()} gives it).
   *
   * @throws InvalidInputException if the library knows no such name
   */
  public static DeadlineKind parse(String label) {
    return Labels.byLabel(values(), label, DeadlineKind::label);
  }
%}
R57_ENUM_PARSED(r57_direction_t, Direction, r57_direction_name, r57_direction_parse)
R57_ENUM_PARSED(r57_document_kind_t, DocumentKind, r57_document_kind_name, r57_document_kind_parse)
R57_ENUM_PARSED(r57_evidence_kind_t, EvidenceKind, r57_evidence_kind_name, r57_evidence_kind_parse)
R57_ENUM(r57_evidence_status_t, EvidenceStatus, r57_evidence_status_name)
R57_ENUM(r57_journal_problem_t, JournalProblem, r57_journal_problem_name)
R57_ENUM_PARSED(r57_key_category_t, KeyCategory, r57_key_category_name, r57_key_category_parse)
R57_ENUM(r57_match_how_t, MatchHow, r57_match_how_name)
R57_ENUM(r57_match_role_t, MatchRole, r57_match_role_name)
R57_ENUM(r57_period_kind_t, PeriodKind, r57_period_kind_name)
R57_ENUM(r57_rating_t, Rating, r57_rating_name)
R57_ENUM(r57_resolution_kind_t, ResolutionKind, r57_resolution_kind_name)
R57_ENUM_PARSED(r57_role_t, Role, r57_role_name, r57_role_parse)
R57_ENUM_PARSED(r57_rollup_t, Rollup, r57_rollup_name, r57_rollup_parse)
R57_ENUM_PARSED(r57_target_binds_t, TargetBinds, r57_target_binds_name, r57_target_binds_parse)
R57_ENUM(r57_task_field_t, TaskField, r57_task_field_name)
%rename(TaskKind) r57_task_kind_t; /* (the library has no names for these) */
R57_ENUM_PARSED(r57_task_status_t, TaskStatus, r57_task_status_name, r57_task_status_parse)
R57_ENUM(r57_timeliness_t, Timeliness, r57_timeliness_name)
R57_ENUM_PARSED(r57_unit_kind_t, UnitKind, r57_unit_kind_name, r57_unit_kind_parse)
R57_ENUM_PARSED(r57_unit_name_kind_t, UnitNameKind, r57_unit_name_kind_name,
                r57_unit_name_kind_parse)

/* The constants: the C names without the enum's prefix of one or two words
 * (a later %rename wins: R57_UNIT_NAME_ALIAS is ALIAS, not NAME_ALIAS). */
%rename("%(regex:/^R57_[A-Z]+_(.*)$/\\1/)s", %$isenumitem,
        regexmatch$name="^R57_(AGG|ATTAINMENT|CLARITY|CLEAR|CMP|DEADLINE|DOC|EVIDENCE)_") "";
%rename("%(regex:/^R57_[A-Z]+_(.*)$/\\1/)s", %$isenumitem,
        regexmatch$name="^R57_(JOURNAL|KEY|MATCH|PERIOD|RATING|RESOLUTION|ROLE|ROLLUP)_") "";
%rename("%(regex:/^R57_[A-Z]+_(.*)$/\\1/)s", %$isenumitem,
        regexmatch$name="^R57_(FIELD|STATUS|TIMELINESS|UNIT)_") "";
%rename("%(regex:/^R57_[A-Z]+_[A-Z]+_(.*)$/\\1/)s", %$isenumitem,
        regexmatch$name="^R57_(TARGET_BINDS|TASK_KIND|UNIT_NAME)_") "";
%rename(HIGHER_IS_BETTER) R57_HIGHER_IS_BETTER;
%rename(LOWER_IS_BETTER) R57_LOWER_IS_BETTER;
%rename(NAME) R57_UNIT_NAME_PRIMARY;
/* "No answer" is null. */
%rename("$ignore", %$isenumitem, regexmatch$name="_INVALID$") "";
%ignore R57_KEY_NONE;
%ignore R57_RATING_NONE;
%ignore R57_CMP_NONE;
%ignore R57_CLEAR_ALL;

/* R57_EXTERN and the other macros, then every header with enums. */
#define enum enum class
%include "r57/common.h"
%include "r57/actor.h"
%include "r57/deadline.h"
%include "r57/document.h"
%include "r57/evidence.h"
%include "r57/journal.h"
%include "r57/kpi.h"
%include "r57/lint.h"
%include "r57/period.h"
%include "r57/resolve.h"
%include "r57/scorecard.h"
%include "r57/task.h"
%include "r57/unit.h"
#undef enum
