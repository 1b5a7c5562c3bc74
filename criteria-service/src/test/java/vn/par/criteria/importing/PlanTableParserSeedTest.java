package vn.par.criteria.importing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.criteria.importing.PlanFixtures.dec;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample plan (the seed, copied to the classpath) parsed as text. */
class PlanTableParserSeedTest {

    private static final String ALL_UNITS = "Các PCM, ĐVSNCL thuộc Sở";
    private static final String OFFICE = "Văn phòng Sở";
    private static final String FINANCE = "Phòng Kế hoạch - Tài chính";

    private static ParsedPlan plan;
    private static Map<String, ParsedCriterion> byCode;

    @BeforeAll
    static void parseSeed() throws PlanImportException {
        plan = PlanFixtures.parsedSeed();
        byCode = plan.criteria().stream().collect(Collectors.toMap(ParsedCriterion::code, Function.identity()));
    }

    @Test
    void readsAll32CriteriaInTableOrder() {
        assertEquals(List.of("1", "1.1", "1.2", "1.3", "1.3.1", "1.3.2", "1.4", "1.5", "1.6", "2", "3", "4", "5",
                        "6", "6.1", "6.1.1", "6.1.2", "6.1.3", "6.2", "6.3", "6.3.1", "6.3.2", "6.3.3", "6.3.4", "6.3.5",
                        "6.3.6", "6.4", "7", "7.1", "7.2", "7.3", "7.4"),
                plan.criteria().stream().map(ParsedCriterion::code).toList());
    }

    @Test
    void derivesParentsFromCodes() {
        assertAll(
                () -> assertNull(byCode.get("1").parentCode()),
                () -> assertTrue(byCode.get("7").isArea()),
                () -> assertEquals("1", byCode.get("1.3").parentCode()),
                () -> assertEquals("1.3", byCode.get("1.3.1").parentCode()),
                () -> assertEquals("6.3", byCode.get("6.3.6").parentCode()));
    }

    @Test
    void readsPointsExactlyWithDecimalComma() {
        assertPoints("1", "15.5", "13.5", "15.5");
        assertPoints("6", "11", "7.58", "8.25");
        assertPoints("6.1", "4", "3.33", "3");
        assertPoints("6.3.3", "1", "0.25", "0.25");
        assertPoints("6.3.2", "1", "0", "0");
        assertPoints("7", "20", "16.85", "18");
        assertPoints("7.1", "10", "9.71", "10");
    }

    @Test
    void areaMaximaSumTo100() {
        BigDecimal sum = plan.criteria().stream().filter(ParsedCriterion::isArea)
                .map(ParsedCriterion::maxPoints).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, sum.compareTo(dec("100")));
        assertEquals(7, plan.criteria().stream().filter(ParsedCriterion::isArea).count());
    }

    @Test
    void keepsTitlesAsWritten() {
        assertEquals("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", byCode.get("1").title());
        assertEquals("Tổ chức thực hiện công tác tài chính - ngân sách", byCode.get("6.1").title());
        for (ParsedCriterion criterion : plan.criteria()) {
            assertTrue(Normalizer.isNormalized(criterion.title(), Normalizer.Form.NFC), criterion.code());
            assertNull(criterion.note(), criterion.code());
        }
    }

    @Test
    void locatesRowsByLineNumber() {
        assertEquals("dòng 11", byCode.get("1").location().describe());
        assertEquals("dòng 33", byCode.get("3").location().describe());
        assertEquals("dòng 74", byCode.get("7.4").location().describe());
    }

    @Test
    void splitsParagraphsBeginningWithBulletsIntoTasks() {
        List<String> tasks = byCode.get("3").tasks();
        assertEquals(2, tasks.size());
        assertTrue(tasks.get(0).startsWith("Tiếp tục thực hiện các nội dung về Kiểm soát quy định"), tasks.get(0));
        assertEquals("Thực hiện số hóa kết quả giải quyết TTHC theo Kế hoạch khi kho dữ liệu số hóa kết quả giải quyết"
                + " TTHC của tỉnh", tasks.get(1));
    }

    @Test
    void splitsFlattenedWordListIntoTasks() {
        assertEquals(List.of(
                "Tiếp tục Thực hiện nghiêm quy định của Trung ương, của tỉnh về tổ chức bộ máy (TCBM); quy định về sử"
                        + " dụng biên chế được UBND tỉnh giao.",
                "Tổ chức Hội nghị cán bộ, công chức, viên chức của đơn vị theo đúng quy định tại Nghị định số"
                        + " 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ và Thông tư số 01/2016/TT-BNV ngày 13/01/2016 của"
                        + " Bộ Nội vụ hướng dẫn thi hành Nghị định số 04/2015/NĐ-CP của Chính phủ.",
                "Thực hiện tinh giản biên chế theo kế hoạch của UBND tỉnh"), byCode.get("4").tasks());
        assertEquals(List.of(
                "Không có sai phạm về kinh phí quản lý hành chính được phát hiện trong năm đánh giá = 1",
                "Có sai phạm về kinh phí quản lý hành chính được phát hiện trong năm đánh giá = 0"),
                byCode.get("6.1.1").tasks());
    }

    @Test
    void doesNotSplitTasksAtSemicolonsOrUnbulletedDashes() {
        List<String> area2 = byCode.get("2").tasks();
        assertEquals(1, area2.size());
        assertTrue(area2.get(0).startsWith("Tiếp tục thực hiện tốt công tác Cập nhật, tham mưu xây dựng văn bản quy"
                + " phạm pháp luật; Tiếp tục triển khai"), area2.get(0));
        assertEquals(1, byCode.get("5").tasks().size());
        assertTrue(byCode.get("5").tasks().get(0).startsWith("Tiếp tục thực hiện: ac định cơ cấu ngạch"));
        assertEquals(List.of("Hoàn thành các nhiệm vụ tại Kế hoạch số 02/KH-SLĐTBXH ngày 09/01/2024 về Kế hoạch cải"
                + " cách hành chính năm 2024 của Sở Lao động – TB&XH"), byCode.get("1.1").tasks());
    }

    @Test
    void leavesTasksEmptyWhenTheCellIsEmpty() {
        assertEquals(List.of(), byCode.get("6.3.2").tasks());
        assertEquals(List.of(), byCode.get("6.4").tasks());
        assertEquals(List.of(), byCode.get("1").tasks());
        assertEquals(List.of(), byCode.get("6").leadUnits());
        assertEquals(List.of(), byCode.get("7").coordinatingUnits());
    }

    @Test
    void splitsUnitsAtSemicolonsAndBulletsButNotInsideNames() {
        assertEquals(List.of(OFFICE), byCode.get("4").leadUnits());
        assertEquals(List.of(ALL_UNITS, "Công đoàn cơ sở"), byCode.get("4").coordinatingUnits());
        assertEquals(List.of("Phòng Lao động - Việc làm và GDNN", "Trung tâm Dịch vụ việc"), byCode.get("7.2").leadUnits());
        assertEquals(List.of(FINANCE), byCode.get("6.1.2").leadUnits());
        assertEquals(List.of(ALL_UNITS), byCode.get("6.1.2").coordinatingUnits());
        assertEquals(List.of(FINANCE), byCode.get("6.3.2").leadUnits());
        assertEquals(List.of(OFFICE), byCode.get("7.3").coordinatingUnits());
    }

    @Test
    void areasWithoutChildrenHaveTasksAndUnits() {
        for (String area : List.of("2", "3", "4", "5")) {
            ParsedCriterion criterion = byCode.get(area);
            assertFalse(criterion.tasks().isEmpty(), area);
            assertEquals(List.of(OFFICE), criterion.leadUnits(), area);
            assertFalse(criterion.coordinatingUnits().isEmpty(), area);
        }
    }

    private static void assertPoints(String code, String max, String baseline, String target) {
        ParsedCriterion criterion = byCode.get(code);
        assertAll(code,
                () -> assertEquals(dec(max), criterion.maxPoints()),
                () -> assertEquals(dec(baseline), criterion.baselinePoints()),
                () -> assertEquals(dec(target), criterion.targetPoints()));
    }
}
