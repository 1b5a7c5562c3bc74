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
