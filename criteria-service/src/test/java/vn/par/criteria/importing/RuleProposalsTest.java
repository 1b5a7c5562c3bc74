package vn.par.criteria.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each recognised wording (README, "Recognised wordings") and the texts that must give nothing. */
class RuleProposalsTest {

    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal TWO = new BigDecimal(2);

    private static Optional<RuleProposals.Proposal> propose(BigDecimal max, String... texts) {
        return RuleProposals.propose(Arrays.asList(texts), max);
    }

    private static String canonical(BigDecimal max, String text) {
        return propose(max, text).orElseThrow(() -> new AssertionError("no proposal for: " + text)).rule().canonical();
    }

    private static void nothing(BigDecimal max, String... texts) {
        assertEquals(Optional.empty(), propose(max, texts), String.join(" | ", texts));
    }

    @Test
    void theSeedsViolationOutcomesAreTwoTiers() throws Exception {
        ParsedCriterion row = PlanFixtures.parsedSeed().criteria().stream().filter(c -> c.code().equals("6.1.1"))
                .findFirst().orElseThrow();
        String text = row.tasksText();
        RuleProposals.Proposal proposal = propose(row.maxPoints(), text, row.note(), row.title()).orElseThrow();
        assertEquals("{\"type\":\"TIERS\",\"options\":["
                + "{\"key\":\"KHONG_CO_SAI_PHAM_VE_KINH_PHI_QUAN_LY\",\"label\":\"Không có sai phạm về kinh phí quản lý hành"
                + " chính được phát hiện trong năm đánh giá\",\"points\":1},"
                + "{\"key\":\"CO_SAI_PHAM_VE_KINH_PHI_QUAN_LY_HANH\",\"label\":\"Có sai phạm về kinh phí quản lý hành chính"
                + " được phát hiện trong năm đánh giá\",\"points\":0}]}", proposal.rule().canonical());
        assertEquals(text, proposal.source());
        assertTrue(text.startsWith("- Không có sai phạm") && text.endsWith("= 0"), text);
    }

    @Test
    void tiersSeparatedBySlashesWithADecimalComma() {
        assertEquals("{\"type\":\"TIERS\",\"options\":[{\"key\":\"BAN_HANH_KIP_THOI\",\"label\":\"Ban hành kịp thời\","
                + "\"points\":1},{\"key\":\"BAN_HANH_KHONG_KIP_THOI\",\"label\":\"Ban hành không kịp thời\",\"points\":0.5},"
                + "{\"key\":\"KHONG_BAN_HANH\",\"label\":\"Không ban hành\",\"points\":0}]}",
                canonical(ONE, "Ban hành kịp thời: 1 / Ban hành không kịp thời: 0,5 / Không ban hành: 0"));
    }

    @Test
    void tiersSeparatedBySemicolons() {
        assertEquals("{\"type\":\"TIERS\",\"options\":[{\"key\":\"DAT_YEU_CAU\",\"label\":\"Đạt yêu cầu\",\"points\":1},"
                + "{\"key\":\"KHONG_DAT_YEU_CAU\",\"label\":\"Không đạt yêu cầu\",\"points\":0}]}",
                canonical(ONE, "Đạt yêu cầu: 1; Không đạt yêu cầu: 0"));
    }

    @Test
    void tiersOnLinesAndBulletsWithTheWordPoints() {
        assertEquals("{\"type\":\"TIERS\",\"options\":[{\"key\":\"DU_SO_LUONG_VA_DUNG_THOI_GIAN_QUY_DINH\","
                + "\"label\":\"Đủ số lượng và đúng thời gian quy định\",\"points\":1},{\"key\":\"KHONG_DU_SO_LUONG\","
                + "\"label\":\"Không đủ số lượng\",\"points\":0}]}",
                canonical(ONE, "- Đủ số lượng và đúng thời gian quy định: 1 điểm.\n- Không đủ số lượng: 0 điểm."));
        assertEquals("{\"type\":\"TIERS\",\"options\":[{\"key\":\"CO\",\"label\":\"Có\",\"points\":1},"
                + "{\"key\":\"KHONG\",\"label\":\"Không\",\"points\":0}]}", canonical(ONE, "Có = 1\nKhông = 0"));
    }

    @Test
    void outcomesThatEachNameARangeAreBrackets() {
        // "trên" leaves 90 out, "từ 70% - 90%" holds both ends, "dưới" leaves 70 out
        assertEquals("{\"type\":\"BRACKETS\",\"brackets\":["
                + "{\"min\":90,\"minInclusive\":false,\"max\":null,\"maxInclusive\":false,\"points\":2},"
                + "{\"min\":70,\"minInclusive\":true,\"max\":90,\"maxInclusive\":true,\"points\":1},"
                + "{\"min\":null,\"minInclusive\":true,\"max\":70,\"maxInclusive\":false,\"points\":0}]}",
                canonical(TWO, "Thực hiện trên 90% kế hoạch: 2 / Thực hiện từ 70% - 90% kế hoạch: 1 / Dưới 70% kế hoạch: 0"));
        assertEquals("{\"type\":\"BRACKETS\",\"brackets\":["
                + "{\"min\":8,\"minInclusive\":true,\"max\":null,\"maxInclusive\":false,\"points\":2},"
                + "{\"min\":4,\"minInclusive\":true,\"max\":8,\"maxInclusive\":false,\"points\":1},"
                + "{\"min\":null,\"minInclusive\":true,\"max\":4,\"maxInclusive\":false,\"points\":0}]}",
                canonical(TWO, "Từ 8 bài trở lên: 2; Từ 4 đến dưới 8 bài: 1; Dưới 4 bài: 0"));
    }

    @Test
    void aCountThresholdWithoutPointsGivesTheMaximumFromTheThresholdUp() {
        assertEquals("{\"type\":\"BRACKETS\",\"brackets\":["
                + "{\"min\":8,\"minInclusive\":true,\"max\":null,\"maxInclusive\":false,\"points\":2},"
                + "{\"min\":null,\"minInclusive\":true,\"max\":8,\"maxInclusive\":false,\"points\":0}]}",
                canonical(TWO, "Năm 2024 Có từ 08 tin, bài viết tuyên truyền về CCHC trở lên"));
        assertEquals("{\"type\":\"BRACKETS\",\"brackets\":["
                + "{\"min\":3,\"minInclusive\":true,\"max\":null,\"maxInclusive\":false,\"points\":0.5},"
                + "{\"min\":null,\"minInclusive\":true,\"max\":3,\"maxInclusive\":false,\"points\":0}]}",
                canonical(new BigDecimal("0.5"), "Tổ chức 3 hội nghị trở lên"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Tỷ lệ hồ sơ trực tuyến × điểm tối đa", "Điểm = Tỷ lệ x Điểm tối đa",
            "Tỉ lệ TTHC có thanh toán trực tuyến * điểm tối đa", "Điểm đạt được bằng tỷ lệ hồ sơ đúng hạn nhân với điểm tối đa" })
    void aRateTimesTheMaximumIsARatio(String text) {
        assertEquals("{\"type\":\"RATIO\",\"fullAt\":100,\"whenNoCases\":\"FULL\"}", canonical(TWO, text));
    }

    @Test
    void pointsForEachCappedAtTheMaximumAreACount() {
        assertEquals("{\"type\":\"COUNT\",\"perUnit\":1}",
                canonical(new BigDecimal(3), "Mỗi sáng kiến được công nhận: 1 điểm, tối đa 3 điểm"));
        assertEquals("{\"type\":\"COUNT\",\"perUnit\":0.5}",
                canonical(new BigDecimal(5), "Mỗi mô hình mới được 0,5 điểm, tổng không quá 5 điểm"));
        nothing(new BigDecimal(5), "Mỗi sáng kiến được công nhận: 1 điểm, tối đa 3 điểm"); // a cap that is not the maximum
    }

    @Test
    void pointsTakenOffForEachViolationAreADeduction() {
        assertEquals("{\"type\":\"DEDUCTION\",\"perViolation\":0.25}",
                canonical(ONE, "Mỗi báo cáo nộp chậm bị trừ 0,25 điểm"));
        assertEquals("{\"type\":\"DEDUCTION\",\"perViolation\":0.5}",
                canonical(ONE, "Trừ 0,5 điểm mỗi lần vi phạm; trừ 0,5 điểm nếu tái phạm"));
        nothing(ONE, "Chậm dưới 5 ngày bị trừ 0,25 điểm; chậm từ 5 ngày trừ 0,5 điểm"); // two amounts
    }

    @ParameterizedTest
    @ValueSource(strings = { "Điều tra XHH", "Đánh giá qua điều tra xã hội học", "ĐTXHH",
            "Điều tra xã hội học: tỷ lệ hài lòng × điểm tối đa" })
    void aSociologicalSurveyIsASurvey(String text) {
        assertEquals("{\"type\":\"SURVEY\"}", canonical(TWO, text));
    }

    @Test
    void theTasksCellIsReadFirstThenTheNoteThenTheTitle() {
        RuleProposals.Proposal fromNote = propose(ONE, "Tổ chức thực hiện nghiêm các kiến nghị", "Đạt: 1 / Không đạt: 0",
                "Tỷ lệ × điểm tối đa").orElseThrow();
        assertEquals("TIERS", fromNote.rule().type());
        assertEquals("Đạt: 1 / Không đạt: 0", fromNote.source());
        assertEquals("SURVEY", propose(ONE, null, " ", "Chỉ số hài lòng (Điều tra XHH)").orElseThrow().rule().type());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Tổ chức thực hiện nghiêm các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước",
            "Hoàn thành các nhiệm vụ tại Kế hoạch số 02/KH-SLĐTBXH ngày 09/01/2024 về Kế hoạch cải cách hành chính",
            "Triển khai thực hiện 100% văn bản chỉ đạo", "Không sai phạm", "Có phương án tự chủ: 1",
            "- Tiếp tục thực hiện: rà soát văn bản\n- Báo cáo đầy đủ nội dung theo yêu cầu",
            "Hạn nộp: 30/06/2024", "Tỷ lệ phòng, ban có cơ cấu công chức theo vị trí việc làm được phê duyệt" })
    void plainTaskTextGivesNothing(String text) {
        nothing(TWO, text);
    }

    @Test
    void pointsAboveTheMaximumAreNotOfferedAndTheNoteIsNotReadInstead() {
        nothing(ONE, "Đạt: 2 / Không đạt: 0", "Đạt: 1 / Không đạt: 0");
        nothing(ONE, "Có từ 08 tin trở lên: 1,5 / Dưới 08 tin: 0");
    }

    @Test
    void ambiguousTextIsNotOffered() {
        nothing(TWO, "Tỷ lệ hồ sơ đúng hạn × điểm tối đa; mỗi hồ sơ trễ hạn bị trừ 0,5 điểm");
        nothing(TWO, "Từ 5 sáng kiến trở lên: 2 / Từ 3 sáng kiến trở lên: 1"); // overlapping ranges
        nothing(TWO, "Từ 08 tin trở lên; từ 4 tin trở lên");
        nothing(TWO, "Có từ 08 tin trở lên và từ 2 hội nghị trở lên");
        nothing(TWO, "Đạt: 1 / Không đạt: 0 / Ghi chú thêm");
    }

    @Test
    void outcomesNotAllNamingARangeStayTiers() {
        assertEquals("{\"type\":\"TIERS\",\"options\":[{\"key\":\"KHONG_CO_SAI_PHAM\",\"label\":\"Không có sai phạm\","
                + "\"points\":1},{\"key\":\"CO_TU_2_SAI_PHAM_TRO_LEN\",\"label\":\"Có từ 2 sai phạm trở lên\",\"points\":0}]}",
                canonical(ONE, "Không có sai phạm: 1 / Có từ 2 sai phạm trở lên: 0"));
    }

    @Test
    void keysAreFoldedWholeWordsUpToFortyCharactersAndUnique() {
        assertEquals("KHONG_CO_SAI_PHAM_VE_KINH_PHI_QUAN_LY",
                RuleProposals.key("Không có sai phạm về kinh phí quản lý hành chính được phát hiện", 0));
        assertEquals("DON_VI_DAT_100_KE_HOACH", RuleProposals.key("Đơn vị đạt 100% kế hoạch", 0));
        assertEquals("K".repeat(40), RuleProposals.key("K".repeat(45) + " thêm", 0));
        assertEquals("MUC_3", RuleProposals.key("—", 2));
        Set<String> taken = new HashSet<>(List.of("DAT", "K".repeat(40)));
        assertEquals("DAT_2", RuleProposals.unique("DAT", taken));
        assertEquals("DAT_3", RuleProposals.unique("DAT", taken));
        assertEquals("K".repeat(38) + "_2", RuleProposals.unique("K".repeat(40), taken));
        assertEquals("{\"type\":\"TIERS\",\"options\":[{\"key\":\"DAT\",\"label\":\"Đạt\",\"points\":1},"
                + "{\"key\":\"DAT_2\",\"label\":\"Đạt\",\"points\":0.5}]}", canonical(ONE, "Đạt: 1; Đạt: 0,5"));
    }
}
