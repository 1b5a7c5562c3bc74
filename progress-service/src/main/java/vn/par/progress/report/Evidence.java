package vn.par.progress.report;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import vn.par.infra.problem.ProblemException;

/**
 * A piece of evidence (tài liệu kiểm chứng): a titled link to a document kept elsewhere ({@code title}, {@code url}),
 * or a file uploaded to this service ({@code fileId}, from {@code POST /api/evidence}). A file's {@code name},
 * {@code size} and {@code contentType} are filled in from the stored file when the item is accepted, never taken
 * from the request.
 */
@Evidence.Item
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(
        @Size(max = 200, message = "dài tối đa 200 ký tự") String title,
        @Size(max = 2000, message = "dài tối đa 2000 ký tự")
        @Pattern(regexp = "(?i)https?://[^\\s/?#]+([/?#]\\S*)?", message = "phải là địa chỉ http:// hoặc https://") String url,
        @Schema(description = "Tệp đã tải lên (POST /api/evidence), thay cho title và url") UUID fileId,
        @Schema(readOnly = true, description = "Tên tệp") String name,
        @Schema(readOnly = true, description = "Kích thước tệp (byte)") Long size,
        @Schema(readOnly = true, description = "Kiểu nội dung nhận ra từ nội dung tệp") String contentType) {

    /** A link: what the forms' evidence rows send. */
    public Evidence(String title, String url) {
        this(title, url, null, null, null, null);
    }

    /** A reference to an uploaded file. */
    public static Evidence file(UUID fileId) {
        return new Evidence(null, null, fileId, null, null, null);
    }

    /** Whether the item is an uploaded file rather than a link (not a member of the JSON). */
    @JsonIgnore
    public boolean isFile() {
        return fileId != null;
    }

    /**
     * The list as stored: empty when absent. A null item is refused here rather than by a constraint, whose
     * path would name the field {@code evidence[0].<list element>}.
     */
    public static List<Evidence> listOf(List<Evidence> evidence) {
        if (evidence == null) {
            return List.of();
        }
        for (int i = 0; i < evidence.size(); i++) {
            if (evidence.get(i) == null) {
                throw ProblemException.badRequest("evidence[" + i + "]", "Tài liệu kiểm chứng thứ " + (i + 1) + " trống.");
            }
        }
        return List.copyOf(evidence);
    }

    /**
     * A link needs its title and its address; a file needs neither (its title, if any, is a label) and takes no
     * address. The messages are put on the member, as {@code evidence[0].title}.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Constraint(validatedBy = ItemCheck.class)
    public @interface Item {
        String message() default "là bắt buộc";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class ItemCheck implements ConstraintValidator<Item, Evidence> {
        @Override
        public boolean isValid(Evidence item, ConstraintValidatorContext context) {
            if (item == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (item.fileId() != null) {
                if (item.url() != null && !item.url().isBlank()) {
                    valid = violation(context, "url", "không dùng cùng fileId: mỗi tài liệu là một đường dẫn hoặc một tệp đã tải lên");
                }
                return valid;
            }
            if (item.title() == null || item.title().isBlank()) {
                valid = violation(context, "title", "là bắt buộc");
            }
            if (item.url() == null || item.url().isBlank()) {
                valid = violation(context, "url", "là bắt buộc");
            }
            return valid;
        }

        private static boolean violation(ConstraintValidatorContext context, String member, String message) {
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(member).addConstraintViolation();
            return false;
        }
    }
}
