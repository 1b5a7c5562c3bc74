package vn.par.scoring.projection;

import java.math.BigDecimal;

/** A part of a score, as published: its projected points and the maximum they are out of. */
public record Share(BigDecimal projected, BigDecimal max) {
}
