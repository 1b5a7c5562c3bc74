package vn.par.scoring.repository;

/**
 * Where a plan's projection stands: the last {@code ce_sequence} applied from each input topic and the last score
 * sequence published. Two copies of a projection with equal sequences hold the same state.
 */
public record Sequences(long plans, long progress, long score) {

    public static final Sequences NONE = new Sequences(0, 0, 0);
}
