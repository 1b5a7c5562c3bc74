package vn.par.progress.report;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import vn.par.infra.problem.ProblemException;

/** A piece of evidence (tài liệu kiểm chứng): a titled link to a document kept elsewhere. */
public record Evidence(
        @NotBlank(message = "là bắt buộc") @Size(max = 200, message = "dài tối đa 200 ký tự") String title,
        @NotBlank(message = "là bắt buộc") @Size(max = 2000, message = "dài tối đa 2000 ký tự")
        @Pattern(regexp = "(?i)https?://[^\\s/?#]+([/?#]\\S*)?", message = "phải là địa chỉ http:// hoặc https://") String url) {

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
}
