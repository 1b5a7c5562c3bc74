package vn.par.infra.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import io.quarkus.qute.TemplateExtension;

/**
 * The Vietnamese formats for values that may be absent: {@code {fmt:num(c.maxPoints)}} gives {@code 15,5} or
 * "—", {@code {fmt:date(task.dueDate)}}, {@code {fmt:time(report.reportedAt)}}. (An extension method such as
 * {@code {value.vi}} needs a value to be called on.)
 */
@TemplateExtension(namespace = "fmt")
public final class PageFormats {

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
