package org.r57;

import java.util.ArrayList;
import java.util.List;

/**
 * A formula of the indicator language, compiled by the library to check it
 * and list what it refers to (docs/formulas.md); indicators are evaluated
 * by {@link Database#evaluate}.
 */
public record Formula(String text, List<Reference> references) {
    public Formula {
        references = List.copyOf(references);
    }

    /** A data element or indicator a formula refers to. */
    public record Reference(boolean indicator, String name) {
    }

    /**
     * Compiles {@code text}.
     *
     * @throws ParseException with the line and column of the problem
     */
    public static Formula compile(String text) {
        long[] out = new long[1];
        capi.r57_formula_compile(out, text);
        long f = out[0];
        try {
            List<Reference> refs = new ArrayList<>();
            long n = capi.r57_formula_ref_count(f);
            for (long i = 0; i < n; i++) {
                refs.add(new Reference(capi.r57_formula_ref_kind(f, i) == capiConstants.R57_REF_INDICATOR,
                        capi.r57_formula_ref_name(f, i)));
            }
            return new Formula(capi.r57_formula_text(f), refs);
        } finally {
            capi.r57_formula_free(f);
        }
    }
}
