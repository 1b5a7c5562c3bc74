package vn.par.criteria.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class CellTextTest {

    @Test
    void reducesHtmlToLines() {
        assertEquals(List.of("Một", "Hai", "Ba", "Bốn", "Năm"),
                CellText.lines("<p>Một</p><p style=\"x\">Hai<br>Ba<BR/></p><ol><li>Bốn</li><li>Năm</li></ol>"));
        assertEquals(List.of("đậm và nghiêng"), CellText.lines("<strong>đậm</strong> và <em class=\"a\">nghiêng</em>"));
        assertEquals(List.of("trước sau"), CellText.lines("trước <!-- ghi chú --> sau"));
    }

    @Test
    void keepsTextThatOnlyLooksLikeATag() {
        assertEquals(List.of("Tỷ lệ < 5% và > 3%"), CellText.lines("Tỷ lệ < 5% và > 3%"));
        assertEquals(List.of("<Tên đơn vị>"), CellText.lines("<Tên đơn vị>"));
    }

    @Test
    void decodesEntitiesAfterRemovingTags() {
        assertEquals(List.of("TB&XH <p> \"a\" 'b' é €"),
                CellText.lines("TB&amp;XH &lt;p&gt; &quot;a&quot; &#39;b&#39; &#233; &#x20AC;"));
        assertEquals(List.of("a b"), CellText.lines("a&nbsp;&nbsp; b"));
        assertEquals(List.of("&unknown; &#0;"), CellText.lines("&unknown; &#0;"));
    }

    @Test
    void collapsesWhitespaceAndNormalisesToNfc() {
        String decomposed = "Vie\u0302\u0323t Nam"; // "Việt" with combining marks
        assertEquals(List.of("Việt Nam có tab"), CellText.lines(" " + decomposed + " \t có\u00A0\u200Btab  "));
        assertEquals("một hai", CellText.singleLine("một\r\nhai"));
        assertEquals("một\nhai", CellText.multiLine("<p>một</p>\n<p>hai</p>"));
        assertNull(CellText.multiLine(" <p> </p> "));
    }

    @Test
    void splitsTasksAtLinesAndBulletsOnly() {
        assertEquals(List.of("Task A.", "Task B.", "Task C"),
                CellText.tasks("<ul style=\"list-style-type: none\"> - Task A. - Task B. - Task C </ul>"));
        assertEquals(List.of("Lập kế hoạch - báo cáo; gửi Sở"), CellText.tasks("Lập kế hoạch - báo cáo; gửi Sở"));
        assertEquals(List.of("Một", "Hai - ba"), CellText.tasks("Một\nHai - ba"));
        assertEquals(List.of("A", "B"), CellText.tasks("- A\n-\n- - B"));
        assertEquals(List.of(), CellText.tasks("  <p></p> "));
    }

    @Test
    void splitsUnitsAtSemicolonsLinesAndBullets() {
        assertEquals(List.of("Phòng Kế hoạch - Tài chính"), CellText.units("Phòng Kế hoạch - Tài chính;"));
        assertEquals(List.of("Các PCM, ĐVSNCL thuộc Sở", "Công đoàn cơ sở"),
                CellText.units("<ul style=\"list-style-type: none\"> - Các PCM, ĐVSNCL thuộc Sở; - Công đoàn cơ sở "));
        assertEquals(List.of("Văn phòng Sở", "Thanh tra Sở", "Phòng A - B"),
                CellText.units("Văn phòng Sở; - Thanh tra Sở\nPhòng A - B; Văn phòng Sở"));
    }
}
