package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import vn.par.progress.caller.Caller;
import vn.par.progress.evidence.EvidenceService;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

/**
 * Evidence files through the HTTP API: each accepted type detected from its content whatever its name, the
 * refusals (another type 415, empty 400, over 20 MB 413), the download's headers, who may download, and references to
 * files in evidence lists.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class EvidenceTest {

    /** A one-page PDF, written by hand: what a scanner's minutes look like to a detector. */
    static final byte[] PDF = """
            %PDF-1.4
            1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
            2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
            3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj
            trailer<</Root 1 0 R>>
            %%EOF
            """.getBytes(StandardCharsets.US_ASCII);

    @Inject
    PlanIndex index;
    @Inject
    EvidenceService evidence;

    private TestPlan labour() {
        TestPlan plan = TestPlan.standard().agency("Sở Lao động - Thương binh và Xã hội", List.of("VP", "KHTC", "LDVL"));
        Broker.publish(plan, 1, index);
        return plan;
    }

    private TestPlan justice() {
        TestPlan plan = new TestPlan().agency("Sở Tư pháp", List.of("STP-VP"))
                .units(List.of(Map.of("code", "STP-VP", "name", "Văn phòng Sở Tư pháp")))
                .criterion("1", null, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", false, "3")
                .criterion("1.1", "1", "Thực hiện kế hoạch CCHC", true, "3")
                .task("1.1", "Hoàn thành kế hoạch CCHC năm", List.of("STP-VP"), List.of());
        Broker.publish(plan, 1, index);
        return plan;
    }

    static Response upload(String name, byte[] content, String declared) {
        return given().multiPart("file", name, content, declared).when().post("/api/evidence");
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void eachAcceptedTypeIsToldByItsContentAndComesBackAsAnAttachment() throws Exception {
        TestPlan plan = labour();
        Response stored = upload("Bien ban hop.pdf", PDF, "application/octet-stream");
        stored.then().statusCode(201)
                .body("name", equalTo("Bien ban hop.pdf"))
                .body("size", equalTo(PDF.length))
                .body("contentType", equalTo("application/pdf"))
                .body("sha256", equalTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF))));
        Response file = given().get(stored.header("Location")).then().statusCode(200)
                .header("Content-Type", equalTo("application/pdf"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Disposition", equalTo("attachment; filename=\"Bien ban hop.pdf\"; "
                        + "filename*=UTF-8''Bien%20ban%20hop.pdf"))
                .extract().response();
        assertArrayEquals(PDF, file.asByteArray());

        // Named and declared as something else: the content decides.
        upload("word.bin", docx(), "application/pdf").then().statusCode(201)
                .body("contentType", equalTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        upload("bang-tinh.pdf", xlsx(), "application/pdf").then().statusCode(201)
                .body("contentType", equalTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        upload("cu.xls", ole2("WordDocument"), "application/vnd.ms-excel").then().statusCode(201)
                .body("contentType", equalTo("application/msword"));
        upload("cu.doc", xls(), "application/msword").then().statusCode(201)
                .body("contentType", equalTo("application/vnd.ms-excel"));
        upload("anh.png", image("jpeg"), "image/png").then().statusCode(201).body("contentType", equalTo("image/jpeg"));
        upload("anh.jpg", image("png"), "image/jpeg").then().statusCode(201).body("contentType", equalTo("image/png"));

        // Referenced from a self-assessment, the file is evidence; 1.2 (VP) is not self-assessed yet.
        String id = stored.path("id");
        given().contentType(ContentType.JSON).body("{\"points\": 2, \"evidence\": [{\"fileId\": \"" + id + "\"}]}")
                .post("/api/plans/{plan}/criteria/1.1/self-assessments", plan.id).then().statusCode(201)
                .body("evidence[0].fileId", equalTo(id))
                .body("evidence[0].name", equalTo("Bien ban hop.pdf"))
                .body("evidence[0].contentType", equalTo("application/pdf"))
                .body("evidence[0].size", equalTo(PDF.length));
        given().get("/api/plans/{plan}/appraisal/evidence-readiness", plan.id).then().statusCode(200)
                .body("withoutEvidence", hasSize(0))
                .body("notSelfAssessed", hasSize(1))
                .body("notSelfAssessed[0].code", equalTo("1.2"))
                .body("notSelfAssessed[0].leadUnits", equalTo(List.of("VP")));
        given().get("/api/plans/{plan}/appraisal", plan.id).then().statusCode(200)
                .body("leaves.find { it.code == '1.1' }.evidenceCount", equalTo(1));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void anythingElseIsRefusedWithAProblem() throws Exception {
        labour();
        byte[] exe = new byte[2048];
        byte[] dos = "MZ\u0090\u0000This program cannot be run in DOS mode.".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(dos, 0, exe, 0, dos.length);
        exe[0x3c] = (byte) 0x80;
        System.arraycopy("PE\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exe, 0x80, 4);
        upload("bao-cao.pdf", exe, "application/pdf").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("Nội dung tệp 'bao-cao.pdf' là application/x-"))
                .body("detail", containsString("Chỉ nhận tệp PDF, DOCX, XLSX, DOC, XLS, JPEG và PNG"));
        upload("nen.docx", zip(), "application/zip").then().statusCode(415)
                .body("detail", containsString("là application/zip"));
        upload("trong.pdf", new byte[0], "application/pdf").then().statusCode(400).body("field", equalTo("file"));
        given().multiPart("khac", "x").when().post("/api/evidence").then().statusCode(400).body("field", equalTo("file"));

        byte[] large = new byte[21 * 1024 * 1024];
        System.arraycopy(PDF, 0, large, 0, PDF.length);
        upload("lon.pdf", large, "application/pdf").then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("vượt giới hạn 20971520 byte (20 MB)"));
    }

    @Test
    @TestSecurity(user = "stp", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "STP-VP"))
    void anotherAgencysFileIsNeitherReadNorReferenced() {
        labour();
        TestPlan own = justice();
        UUID labourFile = evidence.upload(new Caller("khtc", "KHTC", false), LocalUpload.of("Kế hoạch.pdf", PDF)).id();
        given().get("/api/evidence/{id}", labourFile).then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/evidence/{id}", UUID.randomUUID()).then().statusCode(404);

        String reports = "/api/tasks/" + own.taskId(0) + "/reports";
        given().contentType(ContentType.JSON).body("{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, "
                + "\"evidence\": [{\"title\": \"Công văn\", \"url\": \"https://a.example.vn/cv.pdf\"}, {\"fileId\": \""
                + labourFile + "\"}]}").post(reports).then().statusCode(400)
                .body("field", equalTo("evidence[1].fileId"))
                .body("detail", containsString("không phải của Sở Tư pháp"));
        given().contentType(ContentType.JSON).body("{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, "
                + "\"evidence\": [{\"fileId\": \"" + UUID.randomUUID() + "\"}]}").post(reports).then().statusCode(400)
                .body("field", equalTo("evidence[0].fileId"));
        given().contentType(ContentType.JSON).body("{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, "
                + "\"evidence\": [{\"fileId\": \"" + labourFile + "\", \"url\": \"https://a.example.vn/x\"}]}").post(reports)
                .then().statusCode(400).body("field", equalTo("evidence[0].url"));

        String ownFile = upload("Quyet dinh.pdf", PDF, "application/pdf").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, "
                + "\"evidence\": [{\"title\": \"Công văn\", \"url\": \"https://a.example.vn/cv.pdf\"}, {\"fileId\": \""
                + ownFile + "\", \"name\": \"giả.exe\"}]}").post(reports).then().statusCode(201)
                .body("evidence[0].title", equalTo("Công văn"))
                .body("evidence[1].fileId", equalTo(ownFile))
                .body("evidence[1].name", equalTo("Quyet dinh.pdf"));
        given().get(reports).then().statusCode(200).body("[0].evidence[1].contentType", equalTo("application/pdf"));
        given().get("/api/evidence/{id}", ownFile).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "snv", roles = "appraiser")
    void theAppraiserDownloadsEveryAgencysFiles() {
        labour();
        UUID id = evidence.upload(new Caller("khtc", "KHTC", false), LocalUpload.of("Biên bản.pdf", PDF)).id();
        given().get("/api/evidence/{id}", id).then().statusCode(200)
                .header("Content-Disposition", containsString("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf"));
        upload("x.pdf", PDF, "application/pdf").then().statusCode(403);
    }

    // ---- files as offices make them ------------------------------------------------------------------------------

    static byte[] docx() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Báo cáo kết quả CCHC");
            doc.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xlsx() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Số liệu").createRow(0).createCell(0).setCellValue(31);
            book.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xls() throws IOException {
        try (HSSFWorkbook book = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Số liệu").createRow(0).createCell(0).setCellValue(31);
            book.write(out);
            return out.toByteArray();
        }
    }

    /** A compound document with one stream, as Word 97-2003 keeps its text in {@code WordDocument}. */
    static byte[] ole2(String stream) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fs.createDocument(new ByteArrayInputStream(new byte[4096]), stream);
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    static byte[] image(String format) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    static byte[] zip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("ghi-chu.txt"));
            zip.write("không phải tài liệu văn phòng".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** A file as the multipart reader leaves it on disk, for uploads made through the service. */
    record LocalUpload(Path filePath, String fileName, long size) implements FileUpload {

        static LocalUpload of(String name, byte[] content) {
            try {
                Path file = Files.createTempFile("evidence", ".upload");
                Files.write(file, content);
                file.toFile().deleteOnExit();
                return new LocalUpload(file, name, content.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String name() {
            return "file";
        }

        @Override
        public String contentType() {
            return "application/octet-stream";
        }

        @Override
        public String charSet() {
            return null;
        }

        @Override
        public MultivaluedMap<String, String> getHeaders() {
            return new MultivaluedHashMap<>();
        }
    }
}
