package org.huzhu.actuary.allocate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.huzhu.api.InvalidInputException;

/**
 * The order claims are paid in: keys compared in turn, each breaking the ties of those before it, and always ending
 * with {@link PriorityKey#CLAIM_ID_ASC}, so that the ranking is total and the allocation the same from any input
 * order. The default, {@code self-pay-desc,application-date-asc,claim-id-asc}, pays the largest self-pay first, then
 * the earliest application (the priorities the Hunan notice leaves to the local union, seeds/003 四（五）).
 *
 * @param keys the keys in order, each field at most once, ending with {@code claim-id-asc}
 */
public record Priority(List<PriorityKey> keys) {
    /** Larger self-pay first, then earlier application, then claim id. */
    public static final Priority DEFAULT = new Priority(List.of(PriorityKey.SELF_PAY_DESC,
            PriorityKey.APPLICATION_DATE_ASC, PriorityKey.CLAIM_ID_ASC));

    public Priority {
        Map<String, PriorityKey> byField = new HashMap<>();
        List<PriorityKey> complete = new ArrayList<>();
        for (PriorityKey k : keys) {
            PriorityKey before = byField.putIfAbsent(k.field(), k);
            if (before != null) {
                throw new InvalidInputException("priority", k.label() + " orders by " + k.field() + ", which "
                        + before.label() + " already does; name each field once");
            }
            complete.add(k);
        }
        if (!byField.containsKey(PriorityKey.CLAIM_ID_ASC.field())) {
            complete.add(PriorityKey.CLAIM_ID_ASC);
        }
        keys = List.copyOf(complete);
    }

    /**
     * A priority written as keys separated by commas, e.g. {@code amount-asc,application-date-asc}; claim id is added
     * as the last tiebreak when not given.
     */
    public static Priority parse(String text) {
        List<PriorityKey> keys = new ArrayList<>();
        for (String word : text.split(",", -1)) {
            String label = word.trim();
            PriorityKey key = Arrays.stream(PriorityKey.values()).filter(k -> k.label().equals(label)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("priority", "unknown key '" + label + "'; the keys "
                            + "are " + Arrays.stream(PriorityKey.values()).map(PriorityKey::label)
                            .collect(Collectors.joining(", "))));
            keys.add(key);
        }
        return new Priority(keys);
    }

    Comparator<PriorityKey.Ranked> comparator() {
        Comparator<PriorityKey.Ranked> c = keys.get(0).order();
        for (PriorityKey k : keys.subList(1, keys.size())) {
            c = c.thenComparing(k.order());
        }
        return c;
    }

    /** The keys as {@code --priority} takes them: {@code self-pay-desc,application-date-asc,claim-id-asc}. */
    @Override
    public String toString() {
        return keys.stream().map(PriorityKey::label).collect(Collectors.joining(","));
    }
}
