package vn.par.progress.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import vn.par.progress.caller.CallerResolver;
import vn.par.progress.evidence.Attachment;
import vn.par.progress.evidence.EvidenceFile;
import vn.par.progress.evidence.EvidenceService;
import vn.par.progress.evidence.FileView;

@Path("/api/evidence")
@Tag(name = "Tài liệu kiểm chứng", description = "Tệp tài liệu kiểm chứng của đơn vị (PDF, DOCX, XLSX, DOC, XLS, JPEG, PNG)")
public class EvidenceResource {

    private final EvidenceService evidence;
    private final CallerResolver callers;

    public EvidenceResource(EvidenceService evidence, CallerResolver callers) {
        this.evidence = evidence;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "reporter", "admin" })
    @Operation(summary = "Tải lên một tệp tài liệu kiểm chứng",
            description = "Một phần 'file'. Loại tệp được xác định theo nội dung: PDF, DOCX, XLSX, DOC, XLS, JPEG, PNG "
                    + "(khác: 415); tối đa par.evidence.max-size (20 MB; lớn hơn: 413). Tệp thuộc cơ quan của người tải "
                    + "lên; dùng id trong evidence ({\"fileId\": ...}) của báo cáo, chỉ số, tự chấm điểm, giải trình.")
    @APIResponse(responseCode = "201", description = "Tệp đã được lưu")
    public Response upload(@RestForm("file") FileUpload file, UriInfo uri) {
        FileView stored = evidence.upload(callers.current(), file);
        return Response.created(uri.getAbsolutePathBuilder().path(stored.id().toString()).build()).entity(stored).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({ "reporter", "admin", "appraiser" })
    @Operation(summary = "Tải về một tệp tài liệu kiểm chứng",
            description = "Cho cơ quan của tệp, quản trị viên cấp tỉnh và Sở Nội vụ; cơ quan khác: 403.")
    public Response download(@PathParam("id") UUID id) {
        EvidenceFile file = evidence.download(callers.current(), id);
        return Response.ok(file.content, file.contentType)
                .header("Content-Disposition", Attachment.contentDisposition(file.name))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .build();
    }
}
