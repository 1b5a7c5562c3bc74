package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.stack.Stack;

/**
 * The people's path through the pages, in a real headless browser against the whole stack: the employment
 * division's clerk signs in through Keycloak's login page and reports progress on a task of 7.2; the provincial
 * viewer, whose dashboard was open before, sees area 7's projected value change without reloading.
 */
@ExtendWith(SystemStack.class)
class BrowserIT {

    @Test
    void aClerksReportShowsOnTheOpenDashboardWithoutReloading() {
        Stack stack = SystemStack.stack();
        UUID plan = SystemStack.samplePlan();
        String viewerToken = stack.token("viewer", "viewer");
        JsonNode planJson = Http.get(stack.url("criteria-service") + "/api/plans/" + plan, viewerToken).json();
        UUID task = firstTaskOf(planJson, "7.2");
        WebDriver viewer = Browsers.open();
        WebDriver clerk = null;
        try {
            viewer.get(stack.url("scoring-service") + "/ui/plans/" + plan);
            Browsers.signInIfAsked(viewer, "viewer", "viewer");
            By area7 = By.cssSelector("[data-area='7'] [data-field='projected']");
            WebDriverWait wait = new WebDriverWait(viewer, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.visibilityOfElementLocated(area7));
            wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Trực tiếp"));
            String before = viewer.findElement(area7).getText();
            Browsers.screenshot(viewer, "dashboard-plan-before");

            clerk = Browsers.open();
            clerk.get(stack.url("progress-service") + "/");
            Browsers.signInIfAsked(clerk, "ldvl", "ldvl");
            Browsers.await(clerk, ExpectedConditions.presenceOfElementLocated(By.tagName("main")), "the unit portal");
            Browsers.screenshot(clerk, "unit-portal");
            clerk.get(stack.url("progress-service") + "/ui/tasks/" + task);
            new Select(clerk.findElement(By.id("status"))).selectByValue("IN_PROGRESS");
            clerk.findElement(By.id("percentComplete")).clear();
            clerk.findElement(By.id("percentComplete")).sendKeys("50");
            clerk.findElement(By.id("comment")).sendKeys("Đã tiếp nhận 50% hồ sơ trực tuyến toàn trình");
            // The browser notes the moment the value changes, to compare it with the moment the report was stored.
            ((JavascriptExecutor) viewer).executeScript("""
                    window.parSeenAt = null;
                    new MutationObserver(() => {
                        const value = document.querySelector(arguments[0]);
                        if (window.parSeenAt === null && value && value.textContent.trim() === '17,38') {
                            window.parSeenAt = Date.now();
                        }
                    }).observe(document.body, {childList: true, characterData: true, subtree: true});""",
                    "[data-area='7'] [data-field='projected']");
            long sent = System.nanoTime();
            clerk.findElement(By.cssSelector("#bao-cao button[type=submit]")).click();
            // 7.2: 3,33 + (4 − 3,33) × 0,5 = 3,665; area 7: 17,04 − 3,33 + 3,665 = 17,375 → 17,38.
            new WebDriverWait(viewer, Duration.ofSeconds(10), Duration.ofMillis(50))
                    .until(ExpectedConditions.textToBe(area7, "17,38"));
            long seenMillis = (System.nanoTime() - sent) / 1_000_000;
            Browsers.await(clerk, ExpectedConditions.presenceOfElementLocated(By.cssSelector("#bao-cao .notice-ok")),
                    "the report's confirmation");
            Browsers.screenshot(clerk, "unit-portal-task");
            assertTrue(!before.equals("17,38"), "area 7 already showed the new value before the report: " + before);
            Object seenAt = ((JavascriptExecutor) viewer).executeScript("return window.parSeenAt;");
            assertTrue(seenAt instanceof Number, "the open page never changed area 7 to 17,38 in place: " + seenAt);
            Instant reportedAt = Instant.parse(Http.get(stack.url("progress-service") + "/api/tasks/" + task
                    + "/reports?limit=1", viewerToken).json().get(0).get("reportedAt").asText());
            long afterStored = ((Number) seenAt).longValue() - reportedAt.toEpochMilli();
            assertTrue(afterStored >= 0, "the dashboard showed the report's effect before it was stored: " + afterStored + " ms");
            // The click returns once the clerk's page has loaded again (form post, redirect, task page), so the
            // second figure includes the clerk's own page load; the first is the report's way to the dashboard.
            System.out.printf("browser: the open dashboard showed area 7 = 17,38 %d ms after the report was stored,"
                    + " %d ms after the clerk pressed 'Gửi báo cáo'%n", afterStored, seenMillis);
            Browsers.screenshot(viewer, "dashboard-plan-after");
            viewer.get(stack.url("scoring-service") + "/");
            new WebDriverWait(viewer, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("table")));
            Browsers.screenshot(viewer, "dashboard-all-plans");
        } finally {
            viewer.quit();
            if (clerk != null) {
                clerk.quit();
            }
        }
    }

    @Test
    void theAdministratorSeesThePlanTreeWithItsFindings() {
        Stack stack = SystemStack.stack();
        WebDriver admin = Browsers.open();
        try {
            admin.get(stack.url("criteria-service") + "/ui/plans/" + SystemStack.samplePlan());
            Browsers.signInIfAsked(admin, "admin", "admin");
            new WebDriverWait(admin, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".finding-cell")));
            assertEquals(6, admin.findElements(By.cssSelector(".finding-cell")).size());
            Browsers.screenshot(admin, "plan-administration");
        } finally {
            admin.quit();
        }
    }

    /**
     * Scoring rules through the pages: the administrator accepts the rule the import read from 6.1.1's own words, the
     * lead unit's clerk sees the points before sending the fact ("Có sai phạm"), and the provincial viewer finds the
     * fact on the dashboard and asks the what-if panel what the other outcome would give.
     */
    @Test
    void aRuleAcceptedOnThePlanPageScoresTheFactAClerkReportsThroughThePortal() {
        Stack stack = SystemStack.stack();
        PlanModel plan = Scenario.publishedPlan(stack, 2063);
        String viewerToken = stack.token("viewer", "viewer");
        JsonNode tree = Http.get(stack.url("criteria-service") + "/api/plans/" + plan.id(), viewerToken).json();
        UUID task = UUID.fromString(leaf(tree.get("criteria"), "6.1.1").get("tasks").get(0).get("id").asText());
        WebDriver admin = Browsers.open();
        WebDriver clerk = null;
        WebDriver viewer = null;
        try {
            admin.get(stack.url("criteria-service") + "/ui/plans/" + plan.id());
            Browsers.signInIfAsked(admin, "admin", "admin");
            By accept = By.id("accept-proposal-6.1.1");
            Browsers.await(admin, ExpectedConditions.elementToBeClickable(accept), "6.1.1's proposal");
            admin.findElement(accept).click();
            By rule = By.cssSelector("[data-criterion='6.1.1'] [data-field='rule']");
            Browsers.await(admin, ExpectedConditions.textMatches(rule, java.util.regex.Pattern.compile("sai phạm")),
                    "6.1.1's rule in words");
            Browsers.screenshot(admin, "plan-rule-accepted");
            Await.until("progress-service knows 6.1.1's rule", Duration.ofSeconds(60), () -> "TIERS".equals(
                    leafIndicators(Http.get(stack.url("progress-service") + "/api/plans/" + plan.id() + "/indicators",
                            viewerToken).json(), "6.1.1").path("rule").path("type").asText()));

            clerk = Browsers.open();
            clerk.get(stack.url("progress-service") + "/ui/tasks/" + task);
            Browsers.signInIfAsked(clerk, "khtc", "khtc");
            WebElement violation = Browsers.await(clerk, ExpectedConditions.presenceOfElementLocated(By.xpath(
                    "//form[@id='chi-so']//label[contains(., 'Có sai phạm')]/input[@name='option']")), "the outcomes");
            violation.click();
            Browsers.await(clerk, ExpectedConditions.textMatches(By.id("chi-so-diem"),
                    java.util.regex.Pattern.compile("\\b0\\b")), "the points before sending: 0");
            clerk.findElement(By.cssSelector("#chi-so button[type=submit]")).click();
            Browsers.await(clerk, ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chi-so .notice-ok")),
                    "the indicator's confirmation");
            Browsers.screenshot(clerk, "portal-indicator-sent");

            viewer = Browsers.open();
            viewer.get(stack.url("scoring-service") + "/ui/plans/" + plan.id());
            Browsers.signInIfAsked(viewer, "viewer", "viewer");
            By fact = By.cssSelector("#criteria tr[data-criterion='6.1.1'] [data-field='indicator']");
            // An area's criteria are folded unless one of its leaves is at risk: open area 6 as a person would.
            WebElement area6 = Browsers.await(viewer, ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("details[data-area-criteria='6']")), "area 6's criteria");
            if (area6.getAttribute("open") == null) {
                area6.findElement(By.tagName("summary")).click();
            }
            try {
                new WebDriverWait(viewer, Duration.ofSeconds(30)).until(ExpectedConditions.textMatches(fact,
                        java.util.regex.Pattern.compile("Có sai phạm")));
            } catch (org.openqa.selenium.TimeoutException e) {
                JsonNode score = Http.get(stack.url("scoring-service") + "/api/plans/" + plan.id() + "/scores", viewerToken)
                        .json();
                throw new AssertionError("6.1.1 on the dashboard: '" + viewer.findElement(fact).getText()
                        + "'; scoring-service's 6.1.1: " + java.util.stream.StreamSupport.stream(score.get("criteria").spliterator(), false)
                        .filter(c -> c.path("code").asText().equals("6.1.1")).findFirst().orElse(null)
                        + " (version " + score.path("version") + "); progress-service's: "
                        + leafIndicators(Http.get(stack.url("progress-service") + "/api/plans/" + plan.id()
                                + "/indicators", viewerToken).json(), "6.1.1"), e);
            }
            assertEquals("88,62", viewer.findElement(By.id("plan-projected")).getText(), "89.62 − 6.1.1's point");
            new Select(viewer.findElement(By.id("what-if-code"))).selectByValue("6.1.1");
            WebElement outcome = Browsers.await(viewer, ExpectedConditions.presenceOfElementLocated(By.id("what-if-option")),
                    "the what-if outcomes of 6.1.1");
            Select outcomes = new Select(outcome);
            for (WebElement o : outcomes.getOptions()) {
                if (o.getText().startsWith("Không có sai phạm")) {
                    outcomes.selectByVisibleText(o.getText());
                }
            }
            viewer.findElement(By.cssSelector("#what-if-form button[type=submit]")).click();
            By whatIf = By.cssSelector("#what-if-result [data-field='projected']");
            new WebDriverWait(viewer, Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(whatIf, "89,62"));
            Browsers.screenshot(viewer, "dashboard-what-if");
        } finally {
            admin.quit();
            if (clerk != null) {
                clerk.quit();
            }
            if (viewer != null) {
                viewer.quit();
            }
        }
    }

    /**
     * The year-end appraisal through the pages: the clerk of KHTC self-assesses 6.1.2 with an evidence file, the
     * appraiser (snv) cuts it on the appraisal sheet, the clerk explains, and once the year is closed the final figure
     * appears on the dashboard that was open all along, without reloading. The steps no page is needed for (the other
     * leaves' self-assessments, opening rounds) go through the API.
     */
    @Test
    void aUnitSubmitsWithAFileTheAppraiserAdjustsTheUnitExplainsAndTheFinalFigureGoesLive() throws Exception {
        Stack stack = SystemStack.stack();
        PlanModel plan = Scenario.publishedPlan(stack, 2068);
        String api = stack.url("progress-service") + "/api/plans/" + plan.id();
        String snv = stack.token("snv", "snv");
        String agencyAdmin = stack.token("sldtbxh", "sldtbxh");
        assertEquals(201, Http.post(api + "/appraisal/rounds", snv, java.util.Map.of("round", "SELF_ASSESSMENT",
                "deadline", inMinutes(30))).status());
        for (PlanModel.Leaf leaf : plan.leaves()) {
            if (!leaf.code().equals("6.1.2")) {
                Http.Reply assessed = Http.post(api + "/criteria/" + leaf.code() + "/self-assessments", agencyAdmin,
                        java.util.Map.of("points", leaf.code().equals("7.2") ? new java.math.BigDecimal("4") : leaf.baseline()));
                assertEquals(201, assessed.status(), leaf.code() + ": " + assessed.body());
            }
        }
        UUID task = plan.scoredTasks().stream().filter(t -> t.criterionCode().equals("6.1.2")).findFirst().orElseThrow()
                .id();
        java.nio.file.Path pdf = java.nio.file.Files.createTempFile("bien-ban-6.1.2-", ".pdf");
        java.nio.file.Files.writeString(pdf, "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"
                + "%%EOF\n");

        WebDriver viewer = Browsers.open();
        WebDriver clerk = null;
        WebDriver appraiser = null;
        try {
            viewer.get(stack.url("scoring-service") + "/ui/plans/" + plan.id());
            Browsers.signInIfAsked(viewer, "viewer", "viewer");
            new WebDriverWait(viewer, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("live-status"),
                    "Trực tiếp"));

            clerk = Browsers.open();
            clerk.get(stack.url("progress-service") + "/ui/tasks/" + task);
            Browsers.signInIfAsked(clerk, "khtc", "khtc");
            WebElement points = Browsers.await(clerk, ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#chi-so input[name=points]")), "the self-assessment form");
            points.clear();
            points.sendKeys("2");
            clerk.findElement(By.cssSelector("#chi-so input[type=file][name=file]")).sendKeys(pdf.toString());
            clerk.findElement(By.cssSelector("#chi-so button[type=submit]")).click();
            Browsers.await(clerk, ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chi-so .notice-ok")),
                    "the self-assessment's confirmation");
            Browsers.screenshot(clerk, "appraisal-self-assessed-with-file");

            assertEquals(201, Http.post(api + "/appraisal/rounds", snv, java.util.Map.of("round", "APPRAISAL",
                    "deadline", inMinutes(30))).status());
            appraiser = Browsers.open();
            appraiser.get(stack.url("progress-service") + "/ui/appraisal/plans/" + plan.id());
            Browsers.signInIfAsked(appraiser, "snv", "snv");
            By form = By.cssSelector("form.appraise[data-criterion='6.1.2']");
            Browsers.await(appraiser, ExpectedConditions.presenceOfElementLocated(form), "6.1.2's appraisal form");
            assertTrue(appraiser.findElement(By.cssSelector("#appraisal tr[data-criterion='6.1.2'] [data-field=evidence]"))
                    .getText().contains("bien-ban"), "the appraiser sees the file");
            appraiser.findElement(form).findElement(By.name("points")).sendKeys("1,5");
            appraiser.findElement(form).findElement(By.name("note")).sendKeys("Thiếu biên bản quý IV");
            appraiser.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
            Browsers.await(appraiser, ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#appraisal tr[data-criterion='6.1.2'] [data-field=appraised]"), "1,5"),
                    "6.1.2 appraised at 1,5");
            Browsers.screenshot(appraiser, "appraisal-sheet");

            assertEquals(201, Http.post(api + "/appraisal/rounds", snv, java.util.Map.of("round", "EXPLANATION",
                    "deadline", inMinutes(30))).status());
            clerk.get(stack.url("progress-service") + "/ui/tasks/" + task);
            WebElement text = Browsers.await(clerk, ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#giai-trinh textarea[name=text]")), "the explanation form");
            text.sendKeys("Biên bản quý IV đã có, gửi kèm; đề nghị giữ 2 điểm.");
            clerk.findElement(By.cssSelector("#giai-trinh button[type=submit]")).click();
            Browsers.await(clerk, ExpectedConditions.presenceOfElementLocated(By.cssSelector("#giai-trinh-tieu-chi .notice-ok")),
                    "the explanation's confirmation");

            assertEquals(201, Http.post(api + "/appraisal/rounds", snv, java.util.Map.of("round", "FINAL_APPRAISAL",
                    "deadline", inMinutes(30))).status());
            assertEquals(201, Http.post(api + "/criteria/6.1.2/appraisals", snv, java.util.Map.of("points", 2,
                    "note", "Chấp nhận giải trình")).status());
            assertEquals(201, Http.post(api + "/appraisal/rounds", snv, java.util.Map.of("round", "CLOSED")).status());
            new WebDriverWait(viewer, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("plan-final"),
                    "90,96"));
            assertTrue(viewer.findElement(By.cssSelector("#criteria tr[data-criterion='6.1.2']")).getAttribute("class")
                    .contains("adjusted"), "6.1.2 is highlighted as adjusted");
            Browsers.screenshot(viewer, "dashboard-final");
        } finally {
            viewer.quit();
            if (clerk != null) {
                clerk.quit();
            }
            if (appraiser != null) {
                appraiser.quit();
            }
            java.nio.file.Files.deleteIfExists(pdf);
        }
    }

    private static String inMinutes(int minutes) {
        return java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(7)).plusMinutes(minutes)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static JsonNode leaf(JsonNode criteria, String code) {
        for (JsonNode c : criteria) {
            if (c.get("code").asText().equals(code)) {
                return c;
            }
            if (code.startsWith(c.get("code").asText() + ".")) {
                JsonNode below = leaf(c.get("children"), code);
                if (below != null) {
                    return below;
                }
            }
        }
        return null;
    }

    private static JsonNode leafIndicators(JsonNode leaves, String code) {
        for (JsonNode l : leaves) {
            if (l.path("criterionCode").asText().equals(code)) {
                return l;
            }
        }
        return Http.JSON.createObjectNode();
    }

    private static UUID firstTaskOf(JsonNode plan, String code) {
        for (JsonNode area : plan.get("criteria")) {
            for (JsonNode c : area.get("children")) {
                if (c.get("code").asText().equals(code)) {
                    return UUID.fromString(c.get("tasks").get(0).get("id").asText());
                }
            }
        }
        throw new AssertionError("no criterion " + code);
    }
}
