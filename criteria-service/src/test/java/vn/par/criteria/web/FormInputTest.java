package vn.par.criteria.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** How the forms read points, dates and lists. */
class FormInputTest {

    @Test
    void pointsTakeADecimalCommaOrPointAndEmptyIsAbsent() throws Exception {
        assertEquals(new BigDecimal("15.5"), FormInput.points("15,5"));
        assertEquals(new BigDecimal("15.5"), FormInput.points(" 15.5 "));
        assertEquals(new BigDecimal("2"), FormInput.points("2"));
        assertEquals(new BigDecimal("-2"), FormInput.points("-2"), "the use case says why it is refused");
        assertNull(FormInput.points(""));
        assertNull(FormInput.points("   "));
        assertNull(FormInput.points(null));
        assertEquals("15,5", FormInput.pointsText(new BigDecimal("15.50")));
        assertEquals("100", FormInput.pointsText(new BigDecimal("1E+2")));
        assertEquals("", FormInput.pointsText(null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "hai", "1,2,3", "1.234,5", "1e3", "15,", ",5", "--1" })
    void anythingElseIsNotANumber(String text) {
        assertThrows(FormInput.Unreadable.class, () -> FormInput.points(text));
    }

    @Test
    void datesAsTheBrowserSendsThemOrAsTyped() throws Exception {
        assertEquals(LocalDate.of(2024, 6, 30), FormInput.date("2024-06-30"));
        assertEquals(LocalDate.of(2024, 6, 30), FormInput.date("30/06/2024"));
        assertEquals(LocalDate.of(2024, 6, 5), FormInput.date("5/6/2024"));
        assertNull(FormInput.date(""));
        assertThrows(FormInput.Unreadable.class, () -> FormInput.date("31/02/2024"));
        assertThrows(FormInput.Unreadable.class, () -> FormInput.date("2024-13-01"));
        assertThrows(FormInput.Unreadable.class, () -> FormInput.date("ngày mai"));
    }

    @Test
    void namesKeepTheirCommasAndCodesDoNot() {
        assertEquals(List.of("Các PCM, ĐVSNCL thuộc Sở", "Văn phòng"), FormInput.names("Các PCM, ĐVSNCL thuộc Sở\r\n\nVăn phòng ;"));
        assertEquals(List.of("VP", "KHTC", "LDVL"), FormInput.codes(" VP, KHTC;LDVL\n"));
        assertEquals(List.of(), FormInput.codes(null));
    }
}
