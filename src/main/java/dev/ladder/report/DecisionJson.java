package dev.ladder.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ladder.Decision;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decision records as JSON: pretty for people, one line each for JSON Lines. A record is
 * streamed field by field through Jackson's generator, in the order and with the null handling
 * the {@link Decision} types declare, so it reads exactly as Jackson's data binding would write
 * it; a rule's own texts (id, name, file, phase, source) are escaped once and copied after that.
 */
public final class DecisionJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private static final DefaultPrettyPrinter INDENTED = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    private static final ObjectWriter PRETTY = MAPPER.writer(INDENTED);

    private DecisionJson() {
    }

    /** One record, indented. */
    public static String pretty(Decision decision) {
        return write(INDENTED.createInstance(), gen -> record(gen, decision), "");
    }

    /** Several records as an indented JSON array. */
    public static String pretty(List<Decision> decisions) {
        return write(INDENTED.createInstance(), gen -> {
            gen.writeStartArray();
            for (Decision decision : decisions) {
                record(gen, decision);
            }
            gen.writeEndArray();
        }, "");
    }

    /** A record read back (from a log, say), indented exactly as {@link #pretty(Decision)} prints it. */
    public static String pretty(com.fasterxml.jackson.databind.JsonNode record) {
        try {
            return PRETTY.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record read back is always serialisable", e);
        }
    }

    /** One record on one line. */
    public static String line(Decision decision) {
        return write(null, gen -> record(gen, decision), "");
    }

    /** One record on one line, as UTF-8 bytes ending in a newline: a line of a JSON Lines file. */
    public static byte[] lineBytes(Decision decision) {
        return write(null, gen -> record(gen, decision), "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The shared mapper, for reading records back. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private interface Body {
        void write(JsonGenerator gen) throws IOException;
    }

    /** What {@code body} writes, with the pretty printer if any, followed by {@code end}. */
    private static String write(PrettyPrinter printer, Body body, String end) {
        StringWriter out = new StringWriter(32 * 1024);
        try (JsonGenerator gen = MAPPER.getFactory().createGenerator(out)) {
            if (printer != null) {
                gen.setPrettyPrinter(printer);
            }
            body.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException("a decision record is always serialisable", e);
        }
        return out.append(end).toString();
    }

    // Field names, escaped once.
    private static final SerializedString RECORD_VERSION = name("recordVersion");
    private static final SerializedString DECISION_ID = name("decisionId");
    private static final SerializedString SCENARIO = name("scenario");
    private static final SerializedString TITLE = name("title");
    private static final SerializedString RECOMMENDATION = name("recommendation");
    private static final SerializedString DECIDING_PATH = name("decidingPath");
    private static final SerializedString WHY_NOT = name("whyNot");
    private static final SerializedString LADDER = name("ladder");
    private static final SerializedString WARNINGS = name("warnings");
    private static final SerializedString MISSING_FACTS = name("missingFacts");
    private static final SerializedString UNKNOWN_FIGURES = name("unknownFigures");
    private static final SerializedString DEFAULT_USED = name("defaultUsed");
    private static final SerializedString SHOWS = name("shows");
    private static final SerializedString UNKNOWN = name("unknown");
    private static final SerializedString COSTS = name("costs");
    private static final SerializedString TRAIL = name("trail");
    private static final SerializedString RULESET = name("ruleset");
    private static final SerializedString INPUT_SHA256 = name("inputSha256");
    private static final SerializedString ENGINE = name("engine");
    private static final SerializedString DECIDED_AT = name("decidedAt");
    private static final SerializedString APPROACH = name("approach");
    private static final SerializedString TECHNIQUES = name("techniques");
    private static final SerializedString CONFIDENCE = name("confidence");
    private static final SerializedString SUMMARY = name("summary");
    private static final SerializedString REASON = name("reason");
    private static final SerializedString RULES = name("rules");
    private static final SerializedString WOULD_CHANGE_IF = name("wouldChangeIf");
    private static final SerializedString ACTION = name("action");
    private static final SerializedString STATUS = name("status");
    private static final SerializedString TRIGGER = name("trigger");
    private static final SerializedString RULE = name("rule");
    private static final SerializedString CODE = name("code");
    private static final SerializedString SEVERITY = name("severity");
    private static final SerializedString MESSAGE = name("message");
    private static final SerializedString FACT = name("fact");
    private static final SerializedString WHY = name("why");
    private static final SerializedString LEADS_TO = name("leadsTo");
    private static final SerializedString PATH = name("path");
    private static final SerializedString GIVEN = name("given");
    private static final SerializedString OTHERWISE = name("otherwise");
    private static final SerializedString CURRENCY = name("currency");
    private static final SerializedString PER_DAY = name("perDay");
    private static final SerializedString FIGURES = name("figures");
    private static final SerializedString ITEM = name("item");
    private static final SerializedString VALUE = name("value");
    private static final SerializedString UNIT = name("unit");
    private static final SerializedString FORMULA = name("formula");
    private static final SerializedString SEQ = name("seq");
    private static final SerializedString NAME = name("name");
    private static final SerializedString FILE = name("file");
    private static final SerializedString LINE = name("line");
    private static final SerializedString PHASE = name("phase");
    private static final SerializedString SOURCE = name("source");
    private static final SerializedString FACTS = name("facts");
    private static final SerializedString USES = name("uses");
    private static final SerializedString CONCLUDES = name("concludes");
    private static final SerializedString OVERRIDDEN_BY = name("overriddenBy");
    private static final SerializedString SHA256 = name("sha256");
    private static final SerializedString FILES = name("files");
    private static final SerializedString VERSION = name("version");
    private static final SerializedString DROOLS = name("drools");

    private static SerializedString name(String name) {
        return new SerializedString(name);
    }

    /** A rule's own texts, escaped once; cleared when rule bases come and go past the bound. */
    private static final Map<String, SerializableString> RULE_TEXTS = new ConcurrentHashMap<>();
    private static final int RULE_TEXTS_BOUND = 20_000;

    private static void ruleText(JsonGenerator gen, SerializableString field, String text) throws IOException {
        gen.writeFieldName(field);
        if (text == null) {
            gen.writeNull();
            return;
        }
        SerializableString escaped = RULE_TEXTS.get(text);
        if (escaped == null) {
            if (RULE_TEXTS.size() >= RULE_TEXTS_BOUND) {
                RULE_TEXTS.clear();
            }
            escaped = new SerializedString(text);
            RULE_TEXTS.put(text, escaped);
        }
        gen.writeString(escaped);
    }

    private static void record(JsonGenerator gen, Decision d) throws IOException {
        gen.writeStartObject();
        optional(gen, RECORD_VERSION, d.recordVersion());
        optional(gen, DECISION_ID, d.decisionId());
        optional(gen, SCENARIO, d.scenario());
        optional(gen, TITLE, d.title());
        if (d.recommendation() != null) {
            gen.writeFieldName(RECOMMENDATION);
            recommendation(gen, d.recommendation());
        }
        if (d.decidingPath() != null) {
            array(gen, DECIDING_PATH, d.decidingPath(), (g, seq) -> g.writeNumber(seq.intValue()));
        }
        if (d.whyNot() != null) {
            array(gen, WHY_NOT, d.whyNot(), DecisionJson::whyNot);
        }
        if (d.ladder() != null) {
            array(gen, LADDER, d.ladder(), DecisionJson::step);
        }
        if (d.warnings() != null) {
            array(gen, WARNINGS, d.warnings(), DecisionJson::warning);
        }
        if (d.missingFacts() != null) {
            array(gen, MISSING_FACTS, d.missingFacts(), DecisionJson::missingFact);
        }
        if (d.unknownFigures() != null) {
            array(gen, UNKNOWN_FIGURES, d.unknownFigures(), DecisionJson::unknownFigure);
        }
        if (d.costs() != null) {
            gen.writeFieldName(COSTS);
            costs(gen, d.costs());
        }
        if (d.trail() != null) {
            array(gen, TRAIL, d.trail(), DecisionJson::trailEntry);
        }
        if (d.ruleset() != null) {
            gen.writeFieldName(RULESET);
            ruleset(gen, d.ruleset());
        }
        optional(gen, INPUT_SHA256, d.inputSha256());
        if (d.engine() != null) {
            gen.writeFieldName(ENGINE);
            engine(gen, d.engine());
        }
        optional(gen, DECIDED_AT, d.decidedAt());
        gen.writeEndObject();
    }

    private static void recommendation(JsonGenerator gen, Decision.Recommendation r) throws IOException {
        gen.writeStartObject();
        field(gen, APPROACH, r.approach());
        strings(gen, TECHNIQUES, r.techniques());
        field(gen, CONFIDENCE, r.confidence());
        field(gen, SUMMARY, r.summary());
        gen.writeEndObject();
    }

    private static void whyNot(JsonGenerator gen, Decision.WhyNot w) throws IOException {
        gen.writeStartObject();
        optional(gen, APPROACH, w.approach());
        optional(gen, REASON, w.reason());
        if (w.rules() != null) {
            strings(gen, RULES, w.rules());
        }
        optional(gen, WOULD_CHANGE_IF, w.wouldChangeIf());
        gen.writeEndObject();
    }

    private static void step(JsonGenerator gen, Decision.Step s) throws IOException {
        gen.writeStartObject();
        optional(gen, APPROACH, s.approach());
        optional(gen, ACTION, s.action());
        optional(gen, STATUS, s.status());
        optional(gen, TRIGGER, s.trigger());
        if (s.rule() != null) {
            ruleText(gen, RULE, s.rule());
        }
        gen.writeEndObject();
    }

    private static void warning(JsonGenerator gen, Decision.Warning w) throws IOException {
        gen.writeStartObject();
        field(gen, CODE, w.code());
        field(gen, SEVERITY, w.severity());
        field(gen, MESSAGE, w.message());
        ruleText(gen, RULE, w.rule());
        gen.writeEndObject();
    }

    private static void missingFact(JsonGenerator gen, Decision.MissingFact m) throws IOException {
        gen.writeStartObject();
        field(gen, FACT, m.fact());
        field(gen, WHY, m.why());
        ruleText(gen, RULE, m.rule());
        gen.writeFieldName(LEADS_TO);
        if (m.leadsTo() == null) {
            gen.writeNull();
        } else {
            leadsTo(gen, m.leadsTo());
        }
        gen.writeEndObject();
    }

    private static void leadsTo(JsonGenerator gen, Decision.LeadsTo l) throws IOException {
        gen.writeStartObject();
        optional(gen, PATH, l.path());
        if (l.value() != null) {
            gen.writeFieldName(VALUE);
            value(gen, l.value());
        }
        optional(gen, APPROACH, l.approach());
        if (l.techniques() != null) {
            strings(gen, TECHNIQUES, l.techniques());
        }
        if (l.given() != null) {
            gen.writeFieldName(GIVEN);
            object(gen, l.given(), DecisionJson::value);
        }
        if (l.otherwise() != null) {
            gen.writeFieldName(OTHERWISE);
            gen.writeStartObject();
            gen.writeFieldName(VALUE);
            value(gen, l.otherwise().value());
            field(gen, APPROACH, l.otherwise().approach());
            strings(gen, TECHNIQUES, l.otherwise().techniques());
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }

    private static void unknownFigure(JsonGenerator gen, Decision.UnknownFigure u) throws IOException {
        gen.writeStartObject();
        optional(gen, FACT, u.fact());
        if (u.figures() != null) {
            strings(gen, FIGURES, u.figures());
        }
        if (u.defaultUsed() != null) {
            gen.writeFieldName(DEFAULT_USED);
            value(gen, u.defaultUsed());
        }
        optional(gen, WHY, u.why());
        if (u.rule() != null) {
            ruleText(gen, RULE, u.rule());
        }
        if (u.shows() != null) {
            Decision.Shows s = u.shows();
            gen.writeFieldName(SHOWS);
            gen.writeStartObject();
            field(gen, PATH, s.path());
            gen.writeFieldName(VALUE);
            value(gen, s.value());
            gen.writeFieldName(GIVEN);
            object(gen, s.given(), DecisionJson::value);
            gen.writeFieldName(FIGURES);
            object(gen, s.figures(), DecisionJson::decimal);
            gen.writeFieldName(UNKNOWN);
            object(gen, s.unknown(), DecisionJson::decimal);
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }

    /** A map field's value (null when the map is), each entry's value written by {@code item}. */
    private static <T> void object(JsonGenerator gen, Map<String, T> values, Item<T> item) throws IOException {
        if (values == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        for (Map.Entry<String, T> e : values.entrySet()) {
            gen.writeFieldName(e.getKey());
            item.write(gen, e.getValue());
        }
        gen.writeEndObject();
    }

    private static void costs(JsonGenerator gen, Decision.Costs c) throws IOException {
        gen.writeStartObject();
        field(gen, CURRENCY, c.currency());
        gen.writeFieldName(PER_DAY);
        object(gen, c.perDay(), DecisionJson::decimal);
        array(gen, FIGURES, c.figures(), DecisionJson::figure);
        gen.writeEndObject();
    }

    private static void figure(JsonGenerator gen, Decision.Figure f) throws IOException {
        gen.writeStartObject();
        field(gen, ITEM, f.item());
        gen.writeFieldName(VALUE);
        decimal(gen, f.value());
        field(gen, UNIT, f.unit());
        field(gen, FORMULA, f.formula());
        ruleText(gen, RULE, f.rule());
        gen.writeEndObject();
    }

    private static void trailEntry(JsonGenerator gen, Decision.TrailEntry t) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(SEQ);
        gen.writeNumber(t.seq());
        if (t.rule() != null) {
            ruleText(gen, RULE, t.rule());
        }
        if (t.name() != null) {
            ruleText(gen, NAME, t.name());
        }
        if (t.file() != null) {
            ruleText(gen, FILE, t.file());
        }
        gen.writeFieldName(LINE);
        gen.writeNumber(t.line());
        if (t.phase() != null) {
            ruleText(gen, PHASE, t.phase());
        }
        if (t.source() != null) {
            ruleText(gen, SOURCE, t.source());
        }
        optional(gen, REASON, t.reason());
        if (t.facts() != null) {
            gen.writeFieldName(FACTS);
            gen.writeStartObject();
            for (Map.Entry<String, Object> e : t.facts().entrySet()) {
                gen.writeFieldName(e.getKey());
                value(gen, e.getValue());
            }
            gen.writeEndObject();
        }
        if (t.uses() != null) {
            strings(gen, USES, t.uses());
        }
        if (t.concludes() != null) {
            strings(gen, CONCLUDES, t.concludes());
        }
        optional(gen, OVERRIDDEN_BY, t.overriddenBy());
        gen.writeEndObject();
    }

    private static void ruleset(JsonGenerator gen, Decision.Ruleset r) throws IOException {
        gen.writeStartObject();
        field(gen, SHA256, r.sha256());
        strings(gen, FILES, r.files());
        gen.writeEndObject();
    }

    private static void engine(JsonGenerator gen, Decision.Engine e) throws IOException {
        gen.writeStartObject();
        field(gen, NAME, e.name());
        field(gen, VERSION, e.version());
        field(gen, DROOLS, e.drools());
        gen.writeEndObject();
    }

    /** A field written even when null, as the records without {@code NON_NULL} are. */
    private static void field(JsonGenerator gen, SerializableString name, String value) throws IOException {
        gen.writeFieldName(name);
        gen.writeString(value);
    }

    /** A field left out when null, as the {@code NON_NULL} records are. */
    private static void optional(JsonGenerator gen, SerializableString name, String value) throws IOException {
        if (value != null) {
            gen.writeFieldName(name);
            gen.writeString(value);
        }
    }

    private static void strings(JsonGenerator gen, SerializableString name, List<String> values) throws IOException {
        array(gen, name, values, JsonGenerator::writeString);
    }

    private interface Item<T> {
        void write(JsonGenerator gen, T item) throws IOException;
    }

    /** A list field (null when the list is), each item written by {@code item} or as null. */
    private static <T> void array(JsonGenerator gen, SerializableString name, List<T> items, Item<T> item)
            throws IOException {
        gen.writeFieldName(name);
        if (items == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartArray();
        for (T value : items) {
            if (value == null) {
                gen.writeNull();
            } else {
                item.write(gen, value);
            }
        }
        gen.writeEndArray();
    }

    private static void decimal(JsonGenerator gen, BigDecimal value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value);
        }
    }

    /** A fact's value: the usual kinds directly, anything else as data binding writes it. */
    private static void value(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String text) {
            gen.writeString(text);
        } else if (value instanceof BigDecimal decimal) {
            gen.writeNumber(decimal);
        } else if (value instanceof Integer number) {
            gen.writeNumber(number.intValue());
        } else if (value instanceof Long number) {
            gen.writeNumber(number.longValue());
        } else if (value instanceof Boolean bool) {
            gen.writeBoolean(bool);
        } else {
            MAPPER.writeValue(gen, value);
        }
    }
}
