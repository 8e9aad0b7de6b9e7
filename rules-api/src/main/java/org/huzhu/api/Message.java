package org.huzhu.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.ruleset.Stay;

/**
 * What an explanation step, a refusal, a review flag or a warning says: a message key and its typed values, never
 * finished text. The text is rendered on demand, in Chinese or English, from the templates of the engine's bundle and
 * of the ruleset's {@code messages.yaml} ({@link Texts}), so a batch that never prints pays nothing for text.
 *
 * <p>Rules build one with {@code $c.msg("key")} and add the values in the order of the template's placeholders
 * {@code {0}}, {@code {1}}…: {@code $c.msg("firstDiagnosis").with($c.getDiagnosis().illnessCode())
 * .with($c.getDiagnosis().firstDiagnosisDate())}. Each {@code with} returns a new message; the overloads take only
 * value types, so nothing whose text grows with the claim (the claim, the member, a collection) can become a value.
 *
 * @param key    the template's key, e.g. {@code engine.band} or a ruleset's {@code outsideCoverage}
 * @param values the values, in placeholder order
 */
public record Message(String key, List<Value> values) {

    public Message {
        Checks.requiredText(key, "key");
        values = List.copyOf(values);
    }

    /** A message without values. */
    public static Message of(String key) {
        return new Message(key, List.of());
    }

    /** A message with values. */
    public static Message of(String key, Value... values) {
        return new Message(key, List.of(values));
    }

    private Message plus(Value v) {
        List<Value> more = new ArrayList<>(values.size() + 1);
        more.addAll(values);
        more.add(v);
        return new Message(key, more);
    }

    /** An amount in yuan. */
    public Message with(BigDecimal money) {
        return plus(new Value.Money(money));
    }

    /** A rate (a fraction), shown as a percentage. */
    public Message withRate(BigDecimal rate) {
        return plus(new Value.Rate(rate));
    }

    /** A whole number: an age, days, months. */
    public Message with(int number) {
        return plus(new Value.Count(number));
    }

    /** A whole number. */
    public Message with(long number) {
        return plus(new Value.Count(number));
    }

    /** A date. */
    public Message with(LocalDate date) {
        return plus(new Value.Date(date));
    }

    /** Text shown as it is in every language: an id or a code, never words. */
    public Message with(String text) {
        return plus(new Value.Text(text == null ? "" : text));
    }

    /** A coverage period. */
    public Message with(CoveragePeriod period) {
        return plus(new Value.Period(period.from(), period.to()));
    }

    /** A stay, by its id or its number. */
    public Message with(Stay stay) {
        return plus(new Value.StayRef(stay.getId(), stay.getNumber(), stay.isEarlier()));
    }

    /** A cause of death, by its display name. */
    public Message with(Death.DeathCause cause) {
        return plus(new Value.Code("DeathCause", cause.name()));
    }

    /** A cause of a stay, by its display name. */
    public Message with(Cause cause) {
        return plus(new Value.Code("Cause", cause.name()));
    }

    /** A kind of basic medical insurance, by its display name. */
    public Message with(MedicalInsuranceType type) {
        return plus(new Value.Code("MedicalInsuranceType", type.name()));
    }
}
