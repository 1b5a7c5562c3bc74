package vn.par.progress.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.caller.AgencyNames;
import vn.par.progress.caller.Caller;
import vn.par.progress.plan.PlanAgency;
import vn.par.progress.report.Evidence;

/**
 * Evidence files: stored with their bytes in the database (one transaction), detected from their content, read back
 * by their agency, provincial administrators and appraisers; and the references to them in evidence lists.
 */
@ApplicationScoped
public class EvidenceService {

    private static final int MAX_NAME = 255;

    private final EntityManager em;
    private final long maxSize;

    public EvidenceService(EntityManager em, EvidenceConfig config) {
        this.em = em;
        this.maxSize = config.maxSize().asLongValue();
    }

    /** The agency a file belongs to: its key (as names are compared) and its name; both null for no agency. */
    record Owner(String key, String name) {
    }

    @Transactional
    public FileView upload(Caller caller, FileUpload upload) {
        if (upload == null) {
            throw ProblemException.badRequest("file", "Cần gửi tệp trong phần 'file' của biểu mẫu (multipart/form-data).");
        }
        long received = upload.size();
        if (received > maxSize) {
            throw tooLarge(received);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uploaded file " + upload.uploadedFile(), e);
        }
        if (content.length > maxSize) {
            throw tooLarge(content.length);
        }
        if (content.length == 0) {
            throw ProblemException.badRequest("file", "Tệp '" + name(upload.fileName()) + "' trống (0 byte).");
        }
        String type = FileTypes.detect(content);
        if (!FileTypes.ACCEPTED.containsKey(type)) {
            throw ProblemException.unsupportedMediaType("Nội dung tệp '" + name(upload.fileName()) + "' là " + type
                    + ", không phải loại tài liệu được nhận. Chỉ nhận tệp PDF, DOCX, XLSX, DOC, XLS, JPEG và PNG (loại tệp "
                    + "được xác định theo nội dung, không theo tên tệp).");
        }
        Owner owner = ownerOf(caller);
        String sha256 = sha256(content);
        String name = name(upload.fileName());
        // The same file sent again by the same person (a form submitted twice) is the file it already sent: a form's
        // Idempotency-Key then finds the same request, with the same file id, and stores nothing twice.
        var query = em.createQuery("""
                select new vn.par.progress.evidence.FileView(id, name, size, contentType, sha256) from EvidenceFile
                where uploadedBy = :person and sha256 = :sha256 and name = :name""" + " and "
                + (owner.key() == null ? "agencyKey is null" : "agencyKey = :agency"), FileView.class)
                .setParameter("person", caller.person()).setParameter("sha256", sha256).setParameter("name", name);
        if (owner.key() != null) {
            query.setParameter("agency", owner.key());
        }
        List<FileView> same = query.setMaxResults(1).getResultList();
        if (!same.isEmpty()) {
            return same.get(0);
        }
        EvidenceFile file = new EvidenceFile();
        file.id = UUID.randomUUID();
        file.name = name;
        file.size = content.length;
        file.contentType = type;
        file.sha256 = sha256;
        file.agencyKey = owner.key();
        file.agencyName = owner.name();
        file.uploadedBy = caller.person();
        file.uploadedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        file.content = content;
        file.persist();
        return FileView.of(file);
    }

    /** The file with its bytes, for the uploader's agency, provincial administrators and appraisers. */
    @Transactional
    public EvidenceFile download(Caller caller, UUID id) {
        EvidenceFile file = EvidenceFile.findById(id);
        if (file == null) {
            throw ProblemException.notFound("Không có tệp tài liệu kiểm chứng " + id + ".");
        }
        if (!mayRead(caller, file.agencyKey)) {
            throw ProblemException.forbidden("Tệp này là tài liệu kiểm chứng của "
                    + (file.agencyName == null ? "Sở Nội vụ/quản trị viên cấp tỉnh" : file.agencyName)
                    + "; tài khoản của bạn không xem được tài liệu của cơ quan khác.");
        }
        return file;
    }

    /**
     * The items of an evidence list as stored for a plan of {@code agency}: a link as sent, a file with its name, size
     * and type. No database read when the list names no file.
     *
     * @throws ProblemException 400 on {@code evidence[i].fileId} for a file that does not exist or belongs to another
     *                          agency (a provincial administrator's upload belongs to none)
     */
    @Transactional
    public List<Evidence> resolve(List<Evidence> items, PlanAgency agency) {
        if (items.stream().noneMatch(Evidence::isFile)) {
            return items;
        }
        Set<UUID> ids = items.stream().filter(Evidence::isFile).map(Evidence::fileId).collect(Collectors.toSet());
        Map<UUID, Object[]> files = new HashMap<>();
        for (Object[] row : em.createQuery("select id, name, size, contentType, agencyKey from EvidenceFile where id in :ids",
                Object[].class).setParameter("ids", ids).getResultList()) {
            files.put((UUID) row[0], row);
        }
        List<Evidence> resolved = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Evidence item = items.get(i);
            if (!item.isFile()) {
                resolved.add(new Evidence(item.title(), item.url()));
                continue;
            }
            Object[] file = files.get(item.fileId());
            if (file == null) {
                throw ProblemException.badRequest("evidence[" + i + "].fileId", "Tài liệu kiểm chứng thứ " + (i + 1)
                        + ": không có tệp " + item.fileId() + " (hãy tải tệp lên bằng POST /api/evidence trước).");
            }
            if (file[4] == null || !file[4].equals(agency.key())) {
                throw ProblemException.badRequest("evidence[" + i + "].fileId", "Tài liệu kiểm chứng thứ " + (i + 1)
                        + ": tệp " + item.fileId() + " không phải của " + agency.name()
                        + "; chỉ dùng được tệp do cơ quan của kế hoạch tải lên.");
            }
            resolved.add(new Evidence(blankToNull(item.title()), null, item.fileId(), (String) file[1], (Long) file[2],
                    (String) file[3]));
        }
        return List.copyOf(resolved);
    }

    /** Whether the caller reads files of the agency {@code key} (null: no agency, a provincial administrator's upload). */
    public boolean mayRead(Caller caller, String key) {
        if (caller.appraiser() || caller.provincialAdmin()) {
            return true;
        }
        if (key == null) {
            return false;
        }
        return key.equals(ownerOf(caller).key());
    }

    /**
     * The uploader's agency: an administrator's claim, a reporter's unit's agency (from the plans held here, whose
     * {@code agency.unitCodes} name every unit of their agency); none for a provincial administrator.
     */
    private Owner ownerOf(Caller caller) {
        if (caller.admin()) {
            return caller.agency() == null ? new Owner(null, null)
                    : new Owner(AgencyNames.key(caller.agency()), caller.agency());
        }
        if (caller.unit() == null) {
            throw ProblemException.forbidden("Tài khoản '" + caller.person() + "' chưa được gán đơn vị (thuộc tính 'unit' "
                    + "trong mã truy cập) nên không xác định được tài liệu thuộc cơ quan nào.");
        }
        List<String> agencies = em.createQuery(
                "select agencyName from Plan where array_contains(agencyUnitCodes, :unit) order by appliedAt desc", String.class)
                .setParameter("unit", caller.unit()).setMaxResults(1).getResultList();
        if (agencies.isEmpty()) {
            throw ProblemException.forbidden("Đơn vị " + caller.unit() + " chưa thuộc cơ quan nào có kế hoạch được công bố "
                    + "nên chưa nhận tài liệu kiểm chứng của đơn vị.");
        }
        return new Owner(AgencyNames.key(agencies.get(0)), agencies.get(0));
    }

    private ProblemException tooLarge(long size) {
        return ProblemException.tooLarge("Tệp dài " + size + " byte, vượt giới hạn " + maxSize + " byte ("
                + maxSize / (1024 * 1024) + " MB) của một tài liệu kiểm chứng.");
    }

    /**
     * The name as the browser sent it, without any folder (some send {@code C:\fakepath\...}), in NFC, at most
     * {@value #MAX_NAME} characters.
     */
    static String name(String sent) {
        String name = sent == null ? "" : sent;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            return "tai-lieu";
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
