package dev.ladder.model;

/** What the answers need: knowledge, voice, format ({@code needs}). A null field is unknown. */
public final class Needs {
    private KnowledgeNeed knowledge;
    private Freshness knowledgeFreshness;
    @Range(unit = "tokens")
    private Long knowledgeSizeTokens;
    private Style style;
    private Format format;
    private Boolean formatChangesFrequently;
    private Boolean domainDialect;
    private Boolean citations;

    public KnowledgeNeed getKnowledge() { return knowledge; }
    public Freshness getKnowledgeFreshness() { return knowledgeFreshness; }
    public Long getKnowledgeSizeTokens() { return knowledgeSizeTokens; }
    public Style getStyle() { return style; }
    public Format getFormat() { return format; }
    public Boolean getFormatChangesFrequently() { return formatChangesFrequently; }
    public Boolean getDomainDialect() { return domainDialect; }
    public Boolean getCitations() { return citations; }
}
