package kvspoolguard.core.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How many decreases of retention, which delete recorded audio at once, may be made in one UTC day,
 * across every trigger that changes a pool (schedules, state-change events, API runs, the API's PUT): a
 * stack parameter, so that the policy's authors cannot lift it. {@code perDay} is a count, a
 * percent of the governed fleet (as the last completed sweep measured it; until one has, the count
 * alone, or none at all for a percent alone: fail closed), both (the smaller wins), or neither (no
 * budget). A decrease takes its slot before its
 * Update is sent, never after.
 */
public final class DecreaseBudget {

    private final DecreaseLedger ledger;
    private final UpdateCap perDay;

    /** No budget: every decrease may be made (a stack whose MaxDecreasesPerDay is empty). */
    public static final DecreaseBudget NONE = new DecreaseBudget(DecreaseLedger.NONE, UpdateCap.NONE);

    public DecreaseBudget(DecreaseLedger ledger, UpdateCap perDay) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.perDay = Objects.requireNonNull(perDay, "perDay");
    }

    /**
     * What a change from {@code fromHours} (null: none set) to {@code toHours} at {@code at} draws on
     * the budget: a slot for a decrease, nothing for an increase.
     */
    public Draw draw(Integer fromHours, int toHours, Instant at) {
        return new Draw(this, at, fromHours != null && toHours < fromHours);
    }

    /**
     * One change's draw: taken before its Update is sent, given back when the Update was not made.
     * It keeps the limit it was refused under, to say so without reading the budget again.
     */
    public static final class Draw {
        private final DecreaseBudget budget;
        private final Instant at;
        private final boolean decrease;
        private int limit = -1;

        private Draw(DecreaseBudget budget, Instant at, boolean decrease) {
            this.budget = budget;
            this.at = at;
            this.decrease = decrease;
        }

        /** When the change is made (the day it counts in). */
        public Instant at() {
            return at;
        }

        /** False when the change is a decrease and the day's budget is spent. */
        public boolean take() {
            if (!decrease || budget.perDay.equals(UpdateCap.NONE)) {
                return true;
            }
            limit = budget.limit();
            return budget.ledger.take(day(at), limit);
        }

        /** The change taken was not made: its slot serves another. */
        public void giveBack() {
            if (decrease && !budget.perDay.equals(UpdateCap.NONE)) {
                budget.ledger.giveBack(day(at));
            }
        }

        /** Why a refused decrease was not made: the reason its outcome and its violation give. */
        public String spent() {
            return "decrease budget of " + limit + " a day (MaxDecreasesPerDay) spent";
        }
    }

    /**
     * A completed sweep covered {@code pools} pools: the fleet the percents are of from now on, this
     * budget's and the update cap's.
     */
    public void measured(int pools) {
        ledger.measured(pools);
    }

    /** The governed fleet, as the last completed sweep measured it; empty before the first. */
    public OptionalInt fleet() {
        return ledger.fleet();
    }

    /** The day's most decreases, as far as the fleet is known. */
    public int limit() {
        OptionalInt fleet = perDay.percent() == null ? OptionalInt.empty() : ledger.fleet();
        if (fleet.isPresent()) {
            return perDay.limitFor(fleet.getAsInt());
        }
        return perDay.count() == null ? 0 : perDay.count(); // a percent of a fleet not yet measured: none
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
