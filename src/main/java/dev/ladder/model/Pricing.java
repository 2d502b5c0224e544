package dev.ladder.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prices that override the rule base's price parameters ({@code pricing}). Each given field
 * replaces the parameter {@code pricing.<field>}; an omitted one keeps the rule base's default.
 */
public final class Pricing {
    @Range(max = 1e6)
    private Double largeModelInputPerMTokUsd;
    @Range(max = 1e6)
    private Double largeModelOutputPerMTokUsd;
    @Range(max = 1e6)
    private Double tunedModelInputPerMTokUsd;
    @Range(max = 1e6)
    private Double tunedModelOutputPerMTokUsd;
    @Range(max = 1e6)
    private Double trainingPerMTokUsd;
    @Range(max = 1e6)
    private Double hostingPerMonthUsd;
    @Range(max = 1e6)
    private Double smallModelInputPerMTokUsd;
    @Range(max = 1e6)
    private Double smallModelOutputPerMTokUsd;
    @Range(max = 1)
    private Double cachedInputDiscount;

    /** The given prices as parameter name to value, in declaration order. */
    public Map<String, Double> asParameters() {
        Map<String, Double> given = new LinkedHashMap<>();
        put(given, "largeModelInputPerMTokUsd", largeModelInputPerMTokUsd);
        put(given, "largeModelOutputPerMTokUsd", largeModelOutputPerMTokUsd);
        put(given, "tunedModelInputPerMTokUsd", tunedModelInputPerMTokUsd);
        put(given, "tunedModelOutputPerMTokUsd", tunedModelOutputPerMTokUsd);
        put(given, "trainingPerMTokUsd", trainingPerMTokUsd);
        put(given, "hostingPerMonthUsd", hostingPerMonthUsd);
        put(given, "smallModelInputPerMTokUsd", smallModelInputPerMTokUsd);
        put(given, "smallModelOutputPerMTokUsd", smallModelOutputPerMTokUsd);
        put(given, "cachedInputDiscount", cachedInputDiscount);
        return given;
    }

    private static void put(Map<String, Double> into, String field, Double value) {
        if (value != null) {
            into.put("pricing." + field, value);
        }
    }
}
