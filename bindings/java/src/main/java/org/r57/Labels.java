package org.r57;

import java.util.function.Function;
import java.util.function.ToIntFunction;

/** Look-ups shared by the enums that mirror the C library's. */
final class Labels {
    private Labels() {
    }

    static <E extends Enum<E>> E byCode(E[] values, int code, ToIntFunction<E> codeOf) {
        for (E v : values) {
            if (codeOf.applyAsInt(v) == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("no " + values[0].getDeclaringClass().getSimpleName() + " of code " + code);
    }

    /** @throws InvalidInputException naming the label when none matches */
    static <E extends Enum<E>> E byLabel(E[] values, String label, Function<E, String> labelOf) {
        for (E v : values) {
            if (labelOf.apply(v).equals(label)) {
                return v;
            }
        }
        throw new InvalidInputException(ErrorCode.INVAL.code(),
                "unknown " + values[0].getDeclaringClass().getSimpleName() + " '" + label + "'");
    }
}
