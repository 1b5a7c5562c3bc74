package vn.par.criteria.service;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** A task as an administrator writes it. Units are unit codes of the plan's agency. */
public record TaskInput(
        @NotBlank(message = "không được để trống") @Size(max = 4000, message = "dài tối đa 4000 ký tự") String description,
        @NotEmpty(message = "cần ít nhất một đơn vị chủ trì") @Size(max = 20, message = "tối đa 20 đơn vị") List<@NotBlank String> leadUnits,
        @Size(max = 50, message = "tối đa 50 đơn vị") List<@NotBlank String> coordinatingUnits,
        LocalDate dueDate,
        @Size(max = 1000, message = "dài tối đa 1000 ký tự") String reason) {

    public TaskInput {
        coordinatingUnits = coordinatingUnits == null ? List.of() : coordinatingUnits;
    }
}
