package org.r57;

/** What a rating needs: the least on-time share (percent), and whether an overdue key task blocks it. */
public record RatingRule(double minOnTimeShare, boolean keyOverdueBlocks) {
}
