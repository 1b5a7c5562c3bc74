package vn.par.scoring.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import io.quarkus.qute.TemplateExtension;
import vn.par.infra.web.VietnameseFormats;

/**
 * The Vietnamese formats of service-infra for values that may be absent: {@code {fmt:num(c.completion)}} gives
 * {@code 50} or "—" (an extension method such as {@code {value.vi}} needs a value to be called on).
 */
@TemplateExtension(namespace = "fmt")
final class PageFormats {

    private PageFormats() {
    }

    static String num(BigDecimal value) {
        return VietnameseFormats.vi(value);
    }

    static String date(LocalDate value) {
        return VietnameseFormats.vi(value);
    }

    static String time(Instant value) {
        return VietnameseFormats.vi(value);
    }
}
