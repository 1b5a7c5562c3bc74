package vn.par.criteria;

import java.math.BigDecimal;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a JSON number by exact decimal value, whatever Java type the JSON reader chose (100 or 15.5). */
final class Decimal extends TypeSafeMatcher<Number> {

    private final BigDecimal expected;

    private Decimal(String expected) {
        this.expected = new BigDecimal(expected);
    }

    static Matcher<Number> is(String expected) {
        return new Decimal(expected);
    }

    @Override
    protected boolean matchesSafely(Number actual) {
        return new BigDecimal(actual.toString()).compareTo(expected) == 0;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("the number " + expected.toPlainString());
    }
}
