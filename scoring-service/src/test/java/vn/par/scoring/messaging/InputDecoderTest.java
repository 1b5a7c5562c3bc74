package vn.par.scoring.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.EventEnvelope.MalformedEventException;
import vn.par.infra.events.Topics;
import vn.par.scoring.projection.Appraisal;
import vn.par.scoring.projection.Indicator;
import vn.par.scoring.projection.ReportRole;
import vn.par.scoring.projection.RuleType;
import vn.par.scoring.projection.TaskProgress;
import vn.par.scoring.projection.TaskStatus;
import vn.par.scoring.testing.SeedPlan;

/** The decoder reads a record's value as bytes: what it keeps, what it skips, what it refuses. */
class InputDecoderTest {

    private static final UUID PLAN = UUID.fromString("6f1c2a9e-0b7d-4e0a-9a51-3c2d1e0f4b11");
    private static final Instant TIME = Instant.parse("2026-11-28T09:05:08.123456Z");

    private final InputDecoder decoder = new InputDecoder(SeedPlan.JSON);

    @Test
    void aLeadReportKeepsWhatScoringAppliesAndSkipsTheRest() {
        String data = "{\"reportId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + PLAN + "\",\"taskId\":\"t-1.3.1\","
                + "\"criterionCode\":\"1.3.1\",\"unit\":\"LDVL\",\"role\":\"LEAD\",\"status\":\"IN_PROGRESS\","
                + "\"percentComplete\":50,\"comment\":\"Đã đăng 4/8 tin bài về CCHC\",\"evidence\":{\"links\":[\"a\"]},"
                + "\"reportedBy\":\"ldvl\",\"reportedAt\":\"" + TIME + "\",\"changesTaskState\":true}";
        EventEnvelope sent = envelope(Topics.PROGRESS, "ProgressReported", 7, data);

        InputEvent.Report report = assertInstanceOf(InputEvent.Report.class, decoder.decode(record(Topics.PROGRESS, sent)));

        assertEquals(new InputEvent.Meta(PLAN, sent.id(), 7, TIME, null), report.meta());
        assertEquals("t-1.3.1", report.taskId());
        assertEquals(ReportRole.LEAD, report.role());
        assertEquals(new TaskProgress(TaskStatus.IN_PROGRESS, 50), report.progress());
    }

    @Test
    void aReportThatDoesNotChangeTheTaskStateIsACoordinatingOne() {
        String data = "{\"taskId\":\"t-2\",\"role\":\"LEAD\",\"status\":\"DONE\",\"percentComplete\":100,"
                + "\"changesTaskState\":false}";
        InputEvent.Report report = assertInstanceOf(InputEvent.Report.class,
                decoder.decode(record(Topics.PROGRESS, envelope(Topics.PROGRESS, "ProgressReported", 1, data))));
        assertEquals(ReportRole.COORDINATING, report.role());
    }

    @Test
    void aSelfAssessmentKeepsItsExactPoints() {
        String data = "{\"assessmentId\":\"" + UUID.randomUUID() + "\",\"criterionCode\":\"6.3.2\",\"unit\":\"LDVL\","
                + "\"points\":1.2500,\"assessedBy\":\"ldvl\"}";
        InputEvent.Assessment assessment = assertInstanceOf(InputEvent.Assessment.class,
                decoder.decode(record(Topics.PROGRESS, envelope(Topics.PROGRESS, "SelfAssessed", 2, data))));
        assertEquals("6.3.2", assessment.criterionCode());
        assertEquals(new BigDecimal("1.2500"), assessment.points());
    }

    @Test
    void anIndicatorKeepsTheFactOfItsRuleTypeAndNotTheProducersPoints() {
        String ratio = "{\"indicatorId\":\"" + UUID.randomUUID() + "\",\"criterionCode\":\"7.2\",\"unit\":\"LDVL\","
                + "\"ruleType\":\"RATIO\",\"numerator\":31,\"denominator\":50,\"points\":3.5429,"
                + "\"comment\":\"Quý III: 31/50 hồ sơ trực tuyến toàn trình\",\"reportedBy\":\"ldvl\"}";
        InputEvent.IndicatorReport report = assertInstanceOf(InputEvent.IndicatorReport.class,
                decoder.decode(record(Topics.PROGRESS, envelope(Topics.PROGRESS, "IndicatorReported", 4, ratio))));
        assertEquals("7.2", report.criterionCode());
        assertEquals(Indicator.ratio(new BigDecimal("31"), new BigDecimal("50")), report.indicator());

        String tiers = "{\"criterionCode\":\"6.1.1\",\"ruleType\":\"TIERS\",\"option\":\"VIOLATION\",\"points\":0}";
        assertEquals(Indicator.option("VIOLATION"), assertInstanceOf(InputEvent.IndicatorReport.class, decoder.decode(
                record(Topics.PROGRESS, envelope(Topics.PROGRESS, "IndicatorReported", 5, tiers)))).indicator());
        String survey = "{\"criterionCode\":\"7.4\",\"ruleType\":\"SURVEY\",\"percent\":82.35}";
        assertEquals(Indicator.of(RuleType.SURVEY, new BigDecimal("82.35")), assertInstanceOf(
                InputEvent.IndicatorReport.class, decoder.decode(
                        record(Topics.PROGRESS, envelope(Topics.PROGRESS, "IndicatorReported", 6, survey)))).indicator());
    }

    @Test
    void anIndicatorWithoutItsFactOrWithAnUnknownTypeIsMalformed() {
        for (String data : new String[] {"{\"criterionCode\":\"7.2\",\"ruleType\":\"RATIO\",\"numerator\":31}",
                "{\"criterionCode\":\"1.6\",\"ruleType\":\"COUNT\",\"value\":2}",
                "{\"criterionCode\":\"1.6\",\"ruleType\":\"WEIGHTED\",\"count\":2}",
                "{\"criterionCode\":\"1.6\",\"ruleType\":\"MANUAL\",\"points\":2}",
                "{\"ruleType\":\"COUNT\",\"count\":2}"}) {
            assertThrows(MalformedEventException.class, () -> decoder.decode(
                    record(Topics.PROGRESS, envelope(Topics.PROGRESS, "IndicatorReported", 1, data))), data);
        }
    }

    @Test
    void theAppraisalsEventsKeepTheRoundTheFirstAppraisalAndTheSettledFigures() {
        InputEvent.Round round = assertInstanceOf(InputEvent.Round.class, decoder.decode(record(Topics.PROGRESS,
                envelope(Topics.PROGRESS, "AppraisalRoundOpened", 9, "{\"planId\":\"" + PLAN + "\",\"round\":"
                        + "\"APPRAISAL\",\"deadline\":\"2025-01-15T10:00:00Z\",\"openedBy\":\"snv\"}"))));
        assertEquals("APPRAISAL", round.round());
        assertEquals(Instant.parse("2025-01-15T10:00:00Z"), round.deadline());
        InputEvent.Appraised appraised = assertInstanceOf(InputEvent.Appraised.class, decoder.decode(record(
                Topics.PROGRESS, envelope(Topics.PROGRESS, "LeafAppraised", 10, "{\"criterionCode\":\"6.1.2\","
                        + "\"round\":\"APPRAISAL\",\"points\":1.5,\"note\":\"Thiếu tài liệu kiểm chứng\"}"))));
        assertEquals(new BigDecimal("1.5"), appraised.points());
        assertNull(decoder.decode(record(Topics.PROGRESS, envelope(Topics.PROGRESS, "LeafAppraised", 11,
                "{\"criterionCode\":\"6.1.2\",\"round\":\"FINAL_APPRAISAL\",\"points\":2}"))),
                "the final round's points come settled with the close");
        InputEvent.Closed closed = assertInstanceOf(InputEvent.Closed.class, decoder.decode(record(Topics.PROGRESS,
                envelope(Topics.PROGRESS, "AppraisalClosed", 12, "{\"leaves\":[{\"criterionCode\":\"6.1.2\","
                        + "\"selfAssessed\":2,\"appraised\":1.5,\"finalAppraised\":2,\"final\":2},"
                        + "{\"criterionCode\":\"7.3\",\"selfAssessed\":null,\"appraised\":null,"
                        + "\"finalAppraised\":null,\"final\":0}],\"final\":2}"))));
        assertEquals(new Appraisal.Leaf(new BigDecimal("2"), new BigDecimal("1.5"), new BigDecimal("2"),
                new BigDecimal("2")), closed.settled().leaves().get("6.1.2"));
        assertEquals(new Appraisal.Leaf(null, null, null, new BigDecimal("0")), closed.settled().leaves().get("7.3"));
        assertThrows(MalformedEventException.class, () -> decoder.decode(record(Topics.PROGRESS, envelope(
                Topics.PROGRESS, "AppraisalClosed", 13, "{\"leaves\":[{\"criterionCode\":\"6.1.2\"}]}"))),
                "a settled leaf without its final points");
    }

    @Test
    void aPlanSnapshotKeepsItsJsonAsPublished() {
        String json = SeedPlan.json(PLAN).toString();
        assertTrue(json.contains("Văn phòng Sở"), "the seed's Vietnamese names travel in the snapshot");
        InputEvent.PlanVersion version = assertInstanceOf(InputEvent.PlanVersion.class,
                decoder.decode(record(Topics.PLANS, envelope(Topics.PLANS, "PlanPublished", 1, json))));
        assertEquals(json, version.json());
        assertEquals(PLAN, version.snapshot().planId());
    }

    @Test
    void typesScoringDoesNotUseAreNotEvents() {
        assertNull(decoder.decode(record(Topics.PROGRESS, envelope(Topics.PROGRESS, "TaskCommented", 3, "{}"))));
        assertNull(decoder.decode(record(Topics.PLANS, envelope(Topics.PLANS, "PlanArchived", 2, "{}"))));
    }

    @Test
    void aRecordThatCanNeverBeAppliedIsRefusedAsMalformed() {
        EventEnvelope good = envelope(Topics.PROGRESS, "ProgressReported", 1,
                "{\"taskId\":\"t\",\"role\":\"LEAD\",\"status\":\"DONE\",\"percentComplete\":100}");
        Headers withoutTime = good.headers();
        withoutTime.remove("ce_time");
        assertThrows(MalformedEventException.class, () -> decoder.decode(
                new ConsumerRecord<>(Topics.PROGRESS, 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, PLAN.toString(),
                        good.data().getBytes(StandardCharsets.UTF_8), withoutTime, Optional.empty())));
        assertThrows(MalformedEventException.class, () -> decoder.decode(
                new ConsumerRecord<>(Topics.PROGRESS, 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, PLAN.toString(),
                        null, good.headers(), Optional.empty())));
        for (String data : new String[] {"{\"taskId\":", "{\"taskId\":\"t\",\"role\":\"LEAD\",\"status\":\"DONE\"}",
                "{\"taskId\":\"t\",\"status\":\"FINISHED\",\"percentComplete\":100}", "[]"}) {
            assertThrows(MalformedEventException.class, () -> decoder.decode(
                    record(Topics.PROGRESS, envelope(Topics.PROGRESS, "ProgressReported", 1, data))), data);
        }
    }

    private static EventEnvelope envelope(String topic, String type, long sequence, String data) {
        String source = topic.equals(Topics.PLANS) ? "/criteria-service" : "/progress-service";
        return new EventEnvelope(UUID.randomUUID(), type, source, TIME, PLAN.toString(), sequence, data);
    }

    /** As the consumer hands it over: the key as a String, the value as the producer's UTF-8 bytes. */
    private static ConsumerRecord<String, byte[]> record(String topic, EventEnvelope event) {
        return new ConsumerRecord<>(topic, 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, event.key(),
                event.data().getBytes(StandardCharsets.UTF_8), event.headers(), Optional.empty());
    }
}
