package vn.par.criteria.service;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import vn.par.criteria.unit.UnitKind;

/** A unit or group as an administrator adds it, through the API or the units page. Members are unit codes. */
public record UnitInput(
        @NotBlank(message = "cần tên cơ quan") @Size(max = 300) String agency,
        @NotBlank(message = "cần mã đơn vị") @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{0,39}",
                message = "mã gồm chữ in hoa không dấu, chữ số, '-' hoặc '_', tối đa 40 ký tự") String code,
        @NotBlank(message = "cần tên đơn vị") @Size(max = 300) String name,
        @Size(max = 20) List<@NotBlank @Size(max = 300) String> aliases,
        @NotNull(message = "cần loại đơn vị") UnitKind kind,
        @Size(max = 200) List<@NotBlank String> members) {
}
