package dev.ladder.model;

/** How conclusions read in reasons and in the trail: plain words, not class names. */
public final class Words {
    private Words() {
    }

    /** "prompting", "retrieval (RAG)", "fine-tuning", "retrieval plus fine-tuning". */
    public static String approach(Approach approach) {
        return switch (approach) {
            case PROMPTING -> "prompting";
            case RAG -> "retrieval (RAG)";
            case FINE_TUNING -> "fine-tuning";
            case RAG_AND_FINE_TUNING -> "retrieval plus fine-tuning";
        };
    }

    /** An option: "fine-tuning (lora) for style". */
    public static String option(Option option) {
        return approach(option.getApproach()) + (option.getTechnique() == null ? "" : " (" + option.getTechnique().code() + ")")
                + " for " + option.getNeed().code();
    }

    /** A whole number with thousands separators: 3,000,000. */
    public static String count(long value) {
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }
}
