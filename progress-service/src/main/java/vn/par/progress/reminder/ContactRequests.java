package vn.par.progress.reminder;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** The bodies of the contact endpoints. */
public final class ContactRequests {

    private ContactRequests() {
    }

    /** {@code PUT /api/units/{code}/contact}: where the unit's reminders go. */
    public record UnitContactRequest(
            @NotBlank(message = "cần địa chỉ e-mail của đơn vị")
            @Email(message = "không phải một địa chỉ e-mail") @Size(max = 254, message = "dài quá 254 ký tự") String email,
            @Size(max = 300, message = "dài quá 300 ký tự") String name) {
    }

    /** {@code PUT /api/agencies/contact}: where the copies of long-overdue tasks of the agency go. */
    public record AgencyContactRequest(
            @NotBlank(message = "cần tên cơ quan") @Size(max = 300, message = "dài quá 300 ký tự") String agency,
            @NotEmpty(message = "cần ít nhất một địa chỉ e-mail của quản trị viên")
            @Size(max = 20, message = "tối đa 20 địa chỉ") List<@NotBlank(message = "không được để trống")
            @Email(message = "không phải một địa chỉ e-mail") @Size(max = 254, message = "dài quá 254 ký tự") String> adminEmails) {
    }

    public record UnitContactView(String code, String name, String email, Instant updatedAt, String updatedBy) {
        static UnitContactView of(UnitContact c) {
            return new UnitContactView(c.code, c.name, c.emails[0], c.updatedAt, c.updatedBy);
        }
    }

    public record AgencyContactView(String agency, List<String> adminEmails, Instant updatedAt, String updatedBy) {
        static AgencyContactView of(UnitContact c) {
            return new AgencyContactView(c.name, List.of(c.emails), c.updatedAt, c.updatedBy);
        }
    }
}
