package vn.par.criteria.report;

import java.util.List;

/** The official appendix's table, whose layout every document out of this service keeps. */
public final class Appendix {

    private Appendix() {
    }

    /** The names of its columns (1)–(9), as officials know them. */
    public static List<String> columns(int baselineYear, int year) {
        return List.of("STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm theo bộ tiêu chí",
                "Điểm đạt được năm " + baselineYear, "Mục tiêu năm " + year, "Nhiệm vụ, giải pháp", "Chủ trì",
                "Phối hợp", "Ghi chú");
    }
}
