package vn.par.criteria.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.logging.Log;
import vn.par.infra.web.Links;

/**
 * Asks scoring-service for a plan's projected points ({@code GET /api/plans/{id}/scores}) on behalf of the
 * signed-in person, whose access token it forwards. Never fails: whatever goes wrong (unreachable, slow, an error
 * answer, an unreadable body) gives a projection without points and a note that says why.
 */
@ApplicationScoped
public class ScoringClient {

    static final String UNAVAILABLE = "Không có điểm dự kiến: ";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectReader json;
    private final String baseUrl;

    /**
     * @param scoringUrl where the service reaches scoring-service's API, when that differs from the address in the
     *                   browser's header links ({@code par.links.scoring}), e.g. a cluster-internal name
     */
    public ScoringClient(ObjectMapper mapper, Links links,
            @ConfigProperty(name = "par.export.scoring-url") Optional<String> scoringUrl) {
        this.json = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.baseUrl = scoringUrl.orElse(links.scoring()).replaceAll("/+$", "");
    }

    public PlanWorkbook.Projection projected(UUID planId, String accessToken) {
        URI uri;
        HttpRequest.Builder request;
        try {
            uri = URI.create(baseUrl + "/api/plans/" + planId + "/scores");
            request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET();
        } catch (IllegalArgumentException e) {
            Log.errorf("Projected points unavailable: scoring-service address '%s' is not a URL (%s)", baseUrl, e.getMessage());
            return PlanWorkbook.Projection.unavailable(UNAVAILABLE + "địa chỉ hệ thống chấm điểm cấu hình sai;"
                    + " cột \"Điểm dự kiến\" để trống.");
        }
        if (accessToken != null && !accessToken.isBlank()) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            return unreachable(planId, uri, e);
        } catch (HttpTimeoutException e) {
            Log.warnf("Projected points of plan %s unavailable: %s did not answer within %s", planId, uri, TIMEOUT);
            return PlanWorkbook.Projection.unavailable(UNAVAILABLE + "hệ thống chấm điểm không trả lời kịp lúc xuất tệp;"
                    + " cột \"Điểm dự kiến\" để trống.");
        } catch (IOException e) {
            return unreachable(planId, uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PlanWorkbook.Projection.unavailable(UNAVAILABLE + "việc lấy điểm bị gián đoạn; cột \"Điểm dự kiến\" để trống.");
        }
        if (response.statusCode() == 404) {
            return PlanWorkbook.Projection.unavailable(UNAVAILABLE + "hệ thống chấm điểm chưa có điểm của kế hoạch này"
                    + " (kế hoạch chưa công bố hoặc chưa được tính); cột \"Điểm dự kiến\" để trống.");
        }
        if (response.statusCode() != 200) {
            Log.warnf("Projected points of plan %s unavailable: %s answered %d", planId, uri, response.statusCode());
            return PlanWorkbook.Projection.unavailable(UNAVAILABLE + "hệ thống chấm điểm trả lời lỗi (HTTP "
                    + response.statusCode() + "); cột \"Điểm dự kiến\" để trống.");
        }
        try {
            Map<String, BigDecimal> points = new LinkedHashMap<>();
            for (JsonNode c : json.readTree(response.body()).path("criteria")) {
                JsonNode projected = c.get("projected");
                if (c.hasNonNull("code") && projected != null && projected.isNumber()) {
                    points.put(c.get("code").asText(), projected.decimalValue());
                }
            }
            if (points.isEmpty()) {
                return PlanWorkbook.Projection.unavailable(UNAVAILABLE + "hệ thống chấm điểm chưa có điểm tiêu chí nào"
                        + " của kế hoạch này; cột \"Điểm dự kiến\" để trống.");
            }
            return new PlanWorkbook.Projection(points, null);
        } catch (IOException e) {
            Log.warnf("Projected points of plan %s unavailable: unreadable answer from %s (%s)", planId, uri, e.toString());
            return PlanWorkbook.Projection.unavailable(UNAVAILABLE + "câu trả lời của hệ thống chấm điểm không đọc được;"
                    + " cột \"Điểm dự kiến\" để trống.");
        }
    }

    private static PlanWorkbook.Projection unreachable(UUID planId, URI uri, IOException e) {
        Log.warnf("Projected points of plan %s unavailable: %s unreachable (%s)", planId, uri, e.toString());
        return PlanWorkbook.Projection.unavailable(UNAVAILABLE + "không kết nối được hệ thống chấm điểm lúc xuất tệp;"
                + " cột \"Điểm dự kiến\" để trống.");
    }
}
