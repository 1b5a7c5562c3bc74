package vn.par.criteria.unit;

/** What a unit is inside its agency. */
public enum UnitKind {
    /** Văn phòng Sở. */
    OFFICE,
    /** Phòng chuyên môn (PCM). */
    DIVISION,
    /** Đơn vị sự nghiệp công lập (ĐVSNCL). */
    PUBLIC_SERVICE_UNIT,
    /** Công đoàn, Đoàn thanh niên and the like. */
    ORGANISATION,
    /** A named set of units, e.g. "Các PCM, ĐVSNCL thuộc Sở"; expands to its members. */
    GROUP,
    /** Created by an import from a name that matched no unit; to be reviewed. */
    OTHER
}
