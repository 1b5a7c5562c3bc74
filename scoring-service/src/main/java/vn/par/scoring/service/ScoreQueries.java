package vn.par.scoring.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.par.scoring.messaging.ScoreChanged;
import vn.par.scoring.projection.PlanProjection;
import vn.par.scoring.projection.PlanScore;
import vn.par.scoring.projection.PlanSnapshot;
import vn.par.scoring.projection.PlanStructure;
import vn.par.scoring.projection.Precision;
import vn.par.scoring.projection.ScoreGroup;
import vn.par.scoring.projection.WhatIf;
import vn.par.scoring.projection.HistoryPoint;
import vn.par.scoring.repository.PlanRow;
import vn.par.scoring.repository.ProjectionStore;

/**
 * Reads scores from PostgreSQL, which every instance shares: whichever instance applies a plan's events, any
 * instance answers for it. A plan's score is recomputed from its stored inputs (O(size of the plan)), with "overdue"
 * judged on today's date.
 */
@ApplicationScoped
public class ScoreQueries {

    private static final int CACHED_STRUCTURES = 512;

    private final AgroalDataSource dataSource;
    private final ProjectionStore store;
    private final ObjectMapper json;
    private final Clock clock;
    /** Parsed snapshots by plan; a plan changes version rarely, its progress often. */
    private final Map<UUID, PlanStructure> structures = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, PlanStructure> eldest) {
                    return size() > CACHED_STRUCTURES;
                }
            });

    public ScoreQueries(AgroalDataSource dataSource, ProjectionStore store, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** The plan's current score with every criterion, or empty for a plan not (yet) published. */
    public Optional<PlanScore> current(UUID planId) {
        return read(c -> {
            Optional<PlanRow> row = store.plan(c, planId);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            PlanProjection projection = new PlanProjection(structure(c, row.get()), store.inputs(c, planId));
            return Optional.of(projection.score(LocalDate.now(clock), row.get().sequences().score(), row.get().asOf()));
        });
    }

    /**
     * The plan's score as it would be with {@code facts} and {@code reports} added to what was reported; stores
     * nothing. Empty for a plan not (yet) published.
     *
     * @throws WhatIf.Refused for a fact or report the plan cannot take
     */
    public Optional<PlanScore> whatIf(UUID planId, List<WhatIf.Fact> facts, List<WhatIf.Progress> reports) {
        return read(c -> {
            Optional<PlanRow> row = store.plan(c, planId);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(WhatIf.score(structure(c, row.get()), store.inputs(c, planId), facts, reports,
                    LocalDate.now(clock), row.get().sequences().score(), row.get().asOf()));
        });
    }

    private PlanStructure structure(Connection c, PlanRow row) throws SQLException {
        PlanStructure structure = structures.get(row.planId());
        if (structure == null || structure.version() != row.version()) {
            structure = new PlanStructure(parse(store.snapshot(c, row.planId()), PlanSnapshot.class));
            structures.put(row.planId(), structure);
        }
        return structure;
    }

    /**
     * The score as it stood at {@code at}: the last {@code ScoreChanged} stamped at or before it. It carries the
     * index and the areas but not the criteria (see {@link PlanScore#criteria()}).
     */
    public Optional<PlanScore> asOf(UUID planId, Instant at) {
        return read(c -> store.publishedAt(c, planId, at).map(payload -> {
            ScoreChanged s = parse(payload, ScoreChanged.class);
            return new PlanScore(s.planId(), s.agency(), s.year(), s.version(), s.sequence(), s.asOf(), s.projected(),
                    s.target(), s.baseline(), s.max(), s.percent(), ScoreGroup.of(s.percent()), s.shortfall(),
                    s.atStake(), s.earned(), s.measuredLeaves(), s.survey(), s.selfControlled(), s.basis(), s.round(),
                    s.deadline(), s.selfAssessed(), s.appraised(), s.finalFigure(), s.areas(), null);
        }));
    }

    public boolean exists(UUID planId) {
        return read(c -> store.plan(c, planId).isPresent());
    }

    /** Every published plan, ranked within its year; newest year first, then by rank, agency and plan id. */
    public List<PlanRanking> ranking(Integer year) {
        List<PlanRanking> lines = new ArrayList<>();
        for (ScoreSummary s : summaries()) {
            if (year == null || s.year() == year) {
                lines.add(new PlanRanking(s.planId(), s.agency(), s.year(), s.projected(), s.target(), s.baseline(),
                        s.max(), s.percent(), 0, s.group(), s.basis(), s.headline()));
            }
        }
        lines.sort(Comparator.comparing(PlanRanking::year).reversed()
                .thenComparing(PlanRanking::percent, Comparator.reverseOrder())
                .thenComparing(l -> l.agency() == null ? "" : l.agency())
                .thenComparing(l -> l.planId().toString())); // a stable order for ties, whatever the storage order
        List<PlanRanking> ranked = new ArrayList<>(lines.size());
        Integer currentYear = null;
        BigDecimal previous = null;
        int position = 0;
        int rank = 0;
        for (PlanRanking line : lines) {
            if (currentYear == null || line.year() != currentYear) {
                currentYear = line.year();
                previous = null;
                position = 0;
            }
            position++;
            if (previous == null || line.percent().compareTo(previous) != 0) {
                rank = position;
            }
            previous = line.percent();
            ranked.add(new PlanRanking(line.planId(), line.agency(), line.year(), line.projected(), line.target(),
                    line.baseline(), line.max(), line.percent(), rank, line.group(), line.basis(), line.headline()));
        }
        return ranked;
    }

    /** Every published plan's summary. */
    public List<ScoreSummary> summaries() {
        return read(c -> {
            List<ScoreSummary> summaries = new ArrayList<>();
            Map<UUID, BigDecimal> finals = store.finalTotals(c);
            for (PlanRow row : store.plans(c)) {
                summaries.add(summary(row, finals.get(row.planId())));
            }
            return summaries;
        });
    }

    /** The published scores of a plan, oldest first; empty for an unknown plan. */
    public Optional<List<HistoryPoint>> history(UUID planId, Instant from, Instant to) {
        return read(c -> store.plan(c, planId).isEmpty() ? Optional.empty()
                : Optional.of(store.history(c, planId, from, to)));
    }

    /** @param finalTotal the closed year's final total, or null while the plan's headline is its projection */
    static ScoreSummary summary(PlanRow row, BigDecimal finalTotal) {
        BigDecimal headline = finalTotal != null ? finalTotal : row.projected();
        BigDecimal percent = Precision.publishPercent(headline, row.max());
        return new ScoreSummary(row.planId(), row.agency(), row.year(), row.version(), row.sequences().score(),
                row.asOf(), Precision.publish(row.projected()), Precision.publish(row.target()),
                Precision.publish(row.baseline()), Precision.publish(row.max()), percent, ScoreGroup.of(percent),
                finalTotal != null ? "FINAL" : "PROJECTED", Precision.publish(headline));
    }

    private <T> T parse(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs reads in one read-only transaction that sees a single state of the database. */
    private <T> T read(Read<T> read) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                store.readConsistently(c);
                return read.run(c);
            }
        });
    }

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection c) throws SQLException;
    }
}
