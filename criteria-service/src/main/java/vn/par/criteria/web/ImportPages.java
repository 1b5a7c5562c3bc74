package vn.par.criteria.web;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.configuration.MemorySize;
import vn.par.criteria.caller.Caller;
import vn.par.criteria.caller.CallerResolver;
import vn.par.criteria.importing.PlanFormat;
import vn.par.criteria.service.ImportReport;
import vn.par.criteria.service.PlanImporter;
import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;
import vn.par.infra.web.PageResource;

/**
 * The upload form's target: the appendix as a file (text, Excel or Word, told apart by the file name), imported
 * like {@code POST /api/plans/import}, answered with the import report, or with the form again and what was wrong.
 */
@Path("/ui/import")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
@PageResource(home = PlanPages.HOME, audience = PlanPages.AUDIENCE)
public class ImportPages {

    /** What the upload form was filled with (the file itself cannot be given back to the browser). */
    public record UploadForm(String agency, String year, boolean replace) {

        /** The empty form; an agency's administrator finds its agency already filled in. */
        static UploadForm forCaller(Caller caller) {
            return new UploadForm(caller.agencyAdmin() ? caller.agency() : "", "", false);
        }
    }

    public record UnitLine(String code, String name, boolean created) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(ImportReport report, List<UnitLine> units,
                List<PlanModel.FindingLine> findings);
    }

    private final PlanImporter importer;
    private final CallerResolver callers;
    private final long maxBytes;

    public ImportPages(PlanImporter importer, CallerResolver callers,
            @ConfigProperty(name = "par.import.max-size", defaultValue = "10M") MemorySize maxSize) {
        this.importer = importer;
        this.callers = callers;
        this.maxBytes = maxSize.asLongValue();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importPlan(@RestForm String agency, @RestForm String year, @RestForm String replace,
            @RestForm("file") FileUpload file) {
        UploadForm form = new UploadForm(agency == null ? "" : agency.strip(), year == null ? "" : year.strip(),
                "true".equals(replace) || "on".equals(replace));
        try {
            if (form.agency().isEmpty()) {
                throw ProblemException.badRequest("agency", "Cần tên cơ quan (sở, ban, ngành).");
            }
            if (form.agency().length() > 300) {
                throw ProblemException.badRequest("agency", "Tên cơ quan dài tối đa 300 ký tự.");
            }
            int planYear = year(form.year());
            if (file == null || file.fileName() == null || file.fileName().isBlank()) {
                throw ProblemException.badRequest("file", "Hãy chọn tệp phụ lục kế hoạch.");
            }
            String name = baseName(file.fileName());
            PlanFormat format = format(name).orElseThrow(() -> ProblemException.badRequest("file",
                    "Tệp '" + name + "' không đọc được: chỉ nhận tệp văn bản phân tách bằng tab (.txt, .tsv), Excel (.xlsx)"
                            + " hoặc Word (.docx)."));
            byte[] content = read(file);
            ImportReport report = importer.importPlan(form.agency(), planYear, form.replace(), content, format, name,
                    callers.current());
            return Response.ok(report(report)).build();
        } catch (ProblemException e) {
            return Response.status(e.problem().status())
                    .entity(PlanPages.index(callers.current(), form, FormErrors.of(e.problem()))).build();
        }
    }

    /** The format from the file name's extension, the way people name the appendix. */
    static Optional<PlanFormat> format(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".txt") || lower.endsWith(".tsv")) {
            return Optional.of(PlanFormat.TEXT);
        }
        if (lower.endsWith(".xlsx")) {
            return Optional.of(PlanFormat.XLSX);
        }
        if (lower.endsWith(".docx")) {
            return Optional.of(PlanFormat.DOCX);
        }
        return Optional.empty();
    }

    private static TemplateInstance report(ImportReport report) {
        List<UnitLine> units = report.units().stream().map(u -> new UnitLine(u.code(), u.name(), u.created())).toList();
        List<PlanModel.FindingLine> findings = report.findings().stream()
                .map(f -> new PlanModel.FindingLine(f.code(), f.field(), Labels.field(f.field()), f.declared(), f.derived()))
                .toList();
        return Templates.report(report, units, findings);
    }

    private static int year(String text) {
        try {
            int year = Integer.parseInt(text);
            if (year >= 2000 && year <= 2100) {
                return year;
            }
        } catch (NumberFormatException e) {
            // falls through to the same message
        }
        throw ProblemException.badRequest("year", "Năm của kế hoạch là một số từ 2000 đến 2100.");
    }

    /** Some browsers send the whole path of the file; only its name matters. */
    private static String baseName(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).strip();
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private byte[] read(FileUpload file) {
        if (file.size() > maxBytes) {
            throw new ProblemException(Problem.of(413, "Tệp quá lớn", "Tệp lớn hơn giới hạn " + (maxBytes / (1024 * 1024))
                    + " MB. Phụ lục kế hoạch thường chỉ vài trăm KB; hãy kiểm tra lại tệp.").withField("file"));
        }
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw ProblemException.badRequest("file", "Không đọc được tệp gửi lên; hãy gửi lại.");
        }
    }
}
