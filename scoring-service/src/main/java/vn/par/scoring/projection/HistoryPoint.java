package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.Instant;

/** One published score of a plan, for the timeline: values as published (rounded). */
public record HistoryPoint(long sequence, Instant asOf, BigDecimal projected, BigDecimal percent) {
}
