package vn.par.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.stack.Stack;
import vn.par.system.Await;
import vn.par.system.PlanModel;
import vn.par.system.Scenario;
import vn.par.system.SystemStack;

/**
 * Issue 23's known answers over the whole real system (docs/contracts/appraisal.md): the agency self-assesses with an
 * evidence file, the Department of Home Affairs (snv) appraises, the unit explains, a final appraisal settles it, the
 * year closes, and the final figure reaches scoring-service and heads the ranking. The evidence file is downloaded by
 * the appraiser and refused to a reporter of another agency; every write after the close is refused.
 */
@ExtendWith(SystemStack.class)
class AppraisalIT {

    /** A minimal PDF: what the content detection must recognise, whatever the name says. */
    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"
            + "%%EOF\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void theRoundsSettleTheFinalFigureWhichHeadsTheRanking() {
        Stack stack = SystemStack.stack();
        PlanModel plan = Scenario.publishedPlan(stack, 2066);
        String progress = stack.url("progress-service");
        String appraisal = progress + "/api/plans/" + plan.id();
        String snv = Fixtures.token(stack, "snv");
        String khtc = Fixtures.token(stack, "khtc");
        String ldvl = Fixtures.token(stack, "ldvl");
        String agencyAdmin = Fixtures.token(stack, "sldtbxh");

        // The unit's evidence: a PDF, detected from its content.
        Api.Answer uploaded = upload(progress, khtc, "bien-ban-kiem-tra.pdf", PDF);
        assertEquals(201, uploaded.status(), uploaded.describe());
        String fileId = uploaded.json().get("id").asText();
        assertEquals("application/pdf", uploaded.json().get("contentType").asText());

        open(appraisal, snv, "SELF_ASSESSMENT", inMinutes(30));
        for (PlanModel.Leaf leaf : plan.leaves()) {
            Map<String, Object> body = switch (leaf.code()) {
                case "6.1.2" -> Map.of("points", 2, "comment", "Đã thực hiện đủ các kiến nghị",
                        "evidence", java.util.List.of(Map.of("fileId", fileId)));
                case "7.2" -> Map.of("points", 4);
                default -> Map.of("points", leaf.baseline());
            };
            String token = leaf.code().equals("6.1.2") ? khtc : leaf.code().equals("7.2") ? ldvl : agencyAdmin;
            Api.Answer assessed = Api.postJson(appraisal + "/criteria/" + leaf.code() + "/self-assessments", token,
                    json(body));
            assertEquals(201, assessed.status(), leaf.code() + ": " + assessed.describe());
        }
        JsonNode sheet = Api.get(appraisal + "/appraisal", snv).json();
        assertDecimal("90.96", sheet.get("selfAssessed"), "89.62 + 0.67 (6.1.2) + 0.67 (7.2)");

        open(appraisal, snv, "APPRAISAL", inMinutes(30));
        Api.Answer late = Api.postJson(appraisal + "/criteria/6.1.2/self-assessments", khtc, "{\"points\":1}");
        assertEquals(409, late.status(), "self-assessment is over once the appraisal opened: " + late.describe());
        appraise(appraisal, snv, "6.1.2", "1.5", "Thiếu tài liệu kiểm chứng của quý IV");
        sheet = Api.get(appraisal + "/appraisal", snv).json();
        assertDecimal("90.46", sheet.get("appraised"), "6.1.2: 2 → 1.5; 7.2 accepted at 4");

        open(appraisal, snv, "EXPLANATION", inMinutes(30));
        Api.Answer explained = Api.postJson(appraisal + "/criteria/6.1.2/explanations", khtc,
                "{\"text\":\"Biên bản kiểm tra quý IV đã gửi kèm; đề nghị giữ 2 điểm.\",\"evidence\":[{\"fileId\":\""
                        + fileId + "\"}]}");
        assertEquals(201, explained.status(), explained.describe());
        Api.Answer notAdjusted = Api.postJson(appraisal + "/criteria/7.2/explanations", ldvl,
                "{\"text\":\"Giải trình thử\"}");
        assertEquals(409, notAdjusted.status(), "7.2 was not adjusted: " + notAdjusted.describe());

        open(appraisal, snv, "FINAL_APPRAISAL", inMinutes(30));
        appraise(appraisal, snv, "6.1.2", "2", "Chấp nhận giải trình");
        open(appraisal, snv, "CLOSED", null);
        sheet = Api.get(appraisal + "/appraisal", snv).json();
        assertDecimal("90.96", sheet.get("final"), "6.1.2's final appraisal: 2");

        String scores = stack.url("scoring-service") + "/api/plans/" + plan.id() + "/scores";
        String viewer = Fixtures.token(stack, "viewer");
        Await.until("scoring-service shows the final figure", Duration.ofSeconds(60),
                () -> "FINAL".equals(Api.get(scores, viewer).json().path("basis").asText()));
        JsonNode score = Api.get(scores, viewer).json();
        assertDecimal("90.96", score.get("final").get("total"), "");
        assertDecimal("90.46", score.get("appraised").get("total"), "");
        assertDecimal("90.96", score.get("selfAssessed").get("total"), "");
        JsonNode line = null;
        for (JsonNode l : Api.get(stack.url("scoring-service") + "/api/scores?year=2066", viewer).json()) {
            if (l.get("planId").asText().equals(plan.id().toString())) {
                line = l;
            }
        }
        assertEquals("FINAL", line.get("basis").asText(), String.valueOf(line));
        assertDecimal("90.96", line.get("headline"), "");
        assertEquals("A", line.get("group").asText());

        // Settled: nothing changes any more.
        UUID task = plan.scoredTasks().get(0).id();
        assertEquals(409, Api.postJson(progress + "/api/tasks/" + task + "/reports", Fixtures.token(stack, "vp"),
                "{\"status\":\"IN_PROGRESS\",\"percentComplete\":10}").status());
        assertEquals(409, Api.postJson(appraisal + "/criteria/6.1.2/appraisals", snv,
                "{\"points\":1,\"note\":\"sau khi đóng\"}").status());
        assertEquals(409, Api.postJson(appraisal + "/appraisal/rounds", snv, "{\"round\":\"APPRAISAL\",\"deadline\":\""
                + inMinutes(30) + "\"}").status());

        // Next year's draft starts from the final figures.
        String criteria = stack.url("criteria-service") + "/api/plans/" + plan.id();
        Api.Answer next = Api.postJson(criteria + "/next-year", agencyAdmin, "{}");
        assertEquals(201, next.status(), next.describe());
        JsonNode draft = next.json();
        assertEquals(2067, draft.get("year").asInt());
        assertEquals("DRAFT", draft.get("status").asText());
        assertDecimal("90.96", draft.get("derivedTotals").get("baselinePoints"), "last year = this year's final");
        assertDecimal("2", criterion(draft.get("criteria"), "6.1.2").get("baselinePoints"), "6.1.2's final");

        // The self-assessment report, as the department hands it in.
        byte[] docx = Api.getBytes(criteria + "/report.docx", agencyAdmin);
        try (org.apache.poi.xwpf.usermodel.XWPFDocument document = new org.apache.poi.xwpf.usermodel.XWPFDocument(
                new java.io.ByteArrayInputStream(docx));
                org.apache.poi.xwpf.extractor.XWPFWordExtractor text = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(
                        document)) {
            String all = text.getText();
            assertTrue(all.contains("Sở Lao động - Thương binh và Xã hội"), "the agency");
            for (PlanModel.Leaf leaf : plan.leaves()) {
                assertTrue(all.contains(leaf.code()), "leaf " + leaf.code());
            }
            assertTrue(all.contains("90,96") && all.contains("90,46"), "the totals: self-assessed and final 90,96, appraised 90,46");
        } catch (java.io.IOException e) {
            throw new AssertionError("the report is not a Word document", e);
        }

        // The evidence: the appraiser downloads it; a reporter of another agency may not.
        Api.Answer download = Api.get(progress + "/api/evidence/" + fileId, snv);
        assertEquals(200, download.status(), download.describe());
        assertEquals("nosniff", download.header("X-Content-Type-Options"));
        assertTrue(String.valueOf(download.header("Content-Disposition")).startsWith("attachment"));
        assertEquals(new String(PDF, StandardCharsets.US_ASCII), download.body(), "the file as uploaded");
        String stranger = reporterOfAnotherAgency(stack);
        Api.Answer refused = Api.get(progress + "/api/evidence/" + fileId, stranger);
        assertEquals(403, refused.status(), refused.describe());
    }

    private static JsonNode criterion(JsonNode criteria, String code) {
        for (JsonNode c : criteria) {
            if (c.get("code").asText().equals(code)) {
                return c;
            }
            if (code.startsWith(c.get("code").asText() + ".")) {
                JsonNode below = criterion(c.get("children"), code);
                if (below != null) {
                    return below;
                }
            }
        }
        return null;
    }

    /** A reporter of a unit of another agency (Sở Tư pháp), created through criteria-service and Keycloak. */
    private static String reporterOfAnotherAgency(Stack stack) {
        Api.Answer unit = Api.postJson(stack.url("criteria-service") + "/api/units", Fixtures.token(stack, "admin"),
                "{\"agency\":\"Sở Tư pháp\",\"code\":\"STP-VP\",\"name\":\"Văn phòng Sở Tư pháp\",\"kind\":\"OFFICE\"}");
        assertTrue(unit.status() == 201 || unit.status() == 409, unit.describe());
        new KeycloakAdmin(stack).ensureReporter("par", "stp-vp", "STP-VP");
        return stack.token("stp-vp", "stp-vp");
    }

    private static void open(String plan, String token, String round, String deadline) {
        String body = deadline == null ? "{\"round\":\"" + round + "\"}"
                : "{\"round\":\"" + round + "\",\"deadline\":\"" + deadline + "\"}";
        Api.Answer opened = Api.postJson(plan + "/appraisal/rounds", token, body);
        assertEquals(201, opened.status(), round + ": " + opened.describe());
    }

    private static void appraise(String plan, String token, String code, String points, String note) {
        Api.Answer appraised = Api.postJson(plan + "/criteria/" + code + "/appraisals", token,
                "{\"points\":" + points + ",\"note\":\"" + note + "\"}");
        assertEquals(201, appraised.status(), code + ": " + appraised.describe());
    }

    /** A deadline {@code minutes} from now, in Vietnam's offset, as an appraiser types it. */
    private static String inMinutes(int minutes) {
        return OffsetDateTime.now(ZoneOffset.ofHours(7)).plusMinutes(minutes).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Api.Answer upload(String progress, String token, String name, byte[] content) {
        String boundary = "par-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Api.send("POST", progress + "/api/evidence", token, "multipart/form-data; boundary=" + boundary,
                body.toByteArray(), Map.of());
    }

    private static String json(Object value) {
        try {
            return Api.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertDecimal(String expected, JsonNode actual, String why) {
        assertTrue(actual != null && actual.isNumber(), "expected " + expected + " but was " + actual + " " + why);
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), "expected " + expected + " but was "
                + actual + " " + why);
    }
}
