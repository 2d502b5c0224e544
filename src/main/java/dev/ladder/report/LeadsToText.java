package dev.ladder.report;

import dev.ladder.Decision;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The re-decision behind a missing fact or an unknown figure in words, as every report format shows it. */
final class LeadsToText {
    private LeadsToText() {
    }

    /**
     * E.g. {@code needs.style = exact-voice gives FINE_TUNING [lora] (given data.labelledExamples = 500);
     * needs.style = none gives PROMPTING [few-shot]}.
     */
    static String of(Decision.LeadsTo l) {
        if (l == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(l.path() + " = " + l.value() + " gives " + recommendation(l.approach(), l.techniques()));
        if (l.given() != null && !l.given().isEmpty()) {
            text.append(" (given ").append(l.given().entrySet().stream().map(LeadsToText::assignment)
                    .collect(Collectors.joining(", "))).append(")");
        }
        if (l.otherwise() != null) {
            text.append("; ").append(l.path()).append(" = ").append(l.otherwise().value()).append(" gives ")
                    .append(recommendation(l.otherwise().approach(), l.otherwise().techniques()));
        } else {
            text.append("; left unknown, it does not");
        }
        return text.toString();
    }

    /**
     * E.g. {@code task.lifetime = pilot gives horizon.days = 90; left unknown, horizon.days = 180},
     * or {@code ...; left unknown, they are not computed}.
     */
    static String of(Decision.Shows s) {
        if (s == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(s.path() + " = " + s.value() + " gives " + figures(s.figures()));
        if (s.given() != null && !s.given().isEmpty()) {
            text.append(" (given ").append(s.given().entrySet().stream().map(LeadsToText::assignment)
                    .collect(Collectors.joining(", "))).append(")");
        }
        text.append("; left unknown, ").append(s.unknown() == null || s.unknown().isEmpty() ? "they are not computed"
                : figures(s.unknown()));
        return text.toString();
    }

    private static String figures(Map<String, java.math.BigDecimal> figures) {
        return figures == null ? "" : figures.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue().toPlainString())
                .collect(Collectors.joining(", "));
    }

    private static String assignment(Map.Entry<String, Object> e) {
        return e.getKey() + " = " + e.getValue();
    }

    private static String recommendation(String approach, List<String> techniques) {
        return approach + (techniques == null || techniques.isEmpty() ? "" : " [" + String.join(", ", techniques) + "]");
    }
}
