package dev.ladder.engine;

import dev.ladder.LadderException;
import dev.ladder.Problem;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.kie.internal.io.ResourceFactory;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled rule base: the DRL files of a rules directory compiled at run time into a
 * {@link KieBase}, with each rule's metadata, file and line, and the parameters.
 */
public final class RuleBase {
    private final RuleFiles files;
    private final Parameters parameters;
    private final Map<String, RuleInfo> rulesByName;
    private Map<String, PackageDescr> sources;
    private final KieBase kieBase;
    private final boolean restored;
    private Decider decider;

    private RuleBase(RuleFiles files, Parameters parameters, Map<String, RuleInfo> rulesByName,
                     Map<String, PackageDescr> sources, KieBase kieBase) {
        this.files = files;
        this.parameters = parameters;
        this.rulesByName = rulesByName;
        this.sources = sources;
        this.kieBase = kieBase;
        this.restored = sources == null;
    }

    /**
     * Rule bases this process compiled or restored, the most recently used last, so that a
     * long-lived process (the daemon, a review tool embedding the API) reuses them as they are.
     * Keyed by the rule set's hash and how its directory is displayed.
     */
    private static final int RECENT = 3;
    private static final Map<String, RuleBase> recent = new LinkedHashMap<>(RECENT + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RuleBase> eldest) {
            return size() > RECENT;
        }
    };

    /** Parses and compiles {@code files}; every parse or compile error is a located problem. */
    public static RuleBase compile(RuleFiles files) throws LadderException.BadInput {
        String key = files.sha256() + " " + files.display();
        synchronized (recent) {
            RuleBase known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        RuleBase built = compile(files, RuleCache.standard().orElse(null));
        synchronized (recent) {
            recent.put(key, built);
        }
        return built;
    }

    /**
     * As {@link #compile(RuleFiles)}, reusing compiled packages from {@code cache} when it holds
     * this exact rule set (a null cache always compiles).
     */
    static RuleBase compile(RuleFiles files, RuleCache cache) throws LadderException.BadInput {
        if (cache != null) {
            var cached = cache.load(files.sha256());
            if (cached.isPresent()) {
                InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
                kieBase.addPackages(cached.get().packages());
                return new RuleBase(files, cached.get().parameters(), relocated(cached.get().rules(), files),
                        null, kieBase);
            }
        }
        Parameters parameters = Parameters.parse(files.display(Parameters.FILE), files.files().get(Parameters.FILE));
        List<Problem> problems = new ArrayList<>();
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        Map<String, PackageDescr> sources = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
            if (file.getKey().endsWith(".drl")) {
                String display = files.display(file.getKey());
                String drl = new String(file.getValue(), StandardCharsets.UTF_8);
                problems.addAll(RuleSafety.scan(display, drl));
                describe(display, drl, rules, sources, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new LadderException.BadInput(problems);
        }
        var configuration = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration();
        // Facts are never modified once inserted, so tracking which properties a rule watches is wasted work.
        configuration.setOption(org.kie.internal.builder.conf.PropertySpecificOption.DISABLED);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(configuration);
        CompositeKnowledgeBuilder batch = builder.batch();
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
            if (file.getKey().endsWith(".drl")) {
                Resource resource = ResourceFactory.newByteArrayResource(file.getValue());
                resource.setSourcePath(files.display(file.getKey()));
                resource.setResourceType(ResourceType.DRL);
                batch.add(resource, ResourceType.DRL);
            }
        }
        batch.build();
        for (KnowledgeBuilderError error : builder.getErrors()) {
            problems.add(ConsequenceErrors.pinpoint(located(error, files.display()), files));
        }
        if (!problems.isEmpty()) {
            throw new LadderException.BadInput(problems);
        }
        if (cache != null) {
            cache.save(files.sha256(), builder.getKnowledgePackages(), rules, parameters);
        }
        return new RuleBase(files, parameters, Collections.unmodifiableMap(rules),
                Collections.unmodifiableMap(sources), builder.newKieBase());
    }

    /** Cached rule infos name files as they were displayed then; show them as displayed now. */
    private static Map<String, RuleInfo> relocated(Map<String, RuleInfo> cached, RuleFiles files) {
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        cached.forEach((name, r) -> rules.put(name, new RuleInfo(r.id(), r.name(),
                files.display(r.file().substring(r.file().lastIndexOf('/') + 1)), r.line(), r.source(), r.reason(),
                r.phase(), r.reads())));
        return Collections.unmodifiableMap(rules);
    }

    private static void describe(String display, String drl, Map<String, RuleInfo> rules,
                                 Map<String, PackageDescr> sources, List<Problem> problems) {
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(new StringReader(drl));
        } catch (DroolsParserException e) {
            problems.add(new Problem(display, Math.max(e.getLineNumber(), 1), e.getColumn(), null, e.getMessage()));
            return;
        }
        if (parser.hasErrors() || pkg == null) {
            parser.getErrors().forEach(error -> problems.add(error instanceof ParserError p
                    ? new Problem(display, Math.max(p.getRow(), 1), p.getCol() + 1, null, clean(p.getMessage()))
                    : Problem.ofFile(display, clean(error.getMessage()))));
            return;
        }
        sources.put(display, pkg);
        String filePhase = pkg.getAttributes().stream().filter(a -> a.getName().equals("agenda-group"))
                .map(AttributeDescr::getValue).findFirst().orElse(null);
        for (RuleDescr rule : pkg.getRules()) {
            AttributeDescr group = rule.getAttributes().get("agenda-group");
            rules.putIfAbsent(rule.getName(), new RuleInfo(meta(rule, "id"), rule.getName(), display, rule.getLine(),
                    meta(rule, "source"), meta(rule, "reason"), group == null ? filePhase : group.getValue(),
                    LhsReads.of(rule)));
        }
    }

    private static String meta(RuleDescr rule, String key) {
        AnnotationDescr annotation = rule.getAnnotation(key);
        if (annotation == null) {
            return null;
        }
        Object value = annotation.getSingleValueStripped();
        return value == null ? null : value.toString().replace("\\\"", "\"");
    }

    private static Problem located(KnowledgeBuilderError error, String rulesDisplay) {
        String file = error.getResource() != null && error.getResource().getSourcePath() != null
                ? error.getResource().getSourcePath() : rulesDisplay;
        int[] lines = error.getLines();
        int line = lines != null && lines.length > 0 ? Math.max(lines[0], 1) : 1;
        int column = error instanceof ParserError p ? p.getCol() + 1 : 1;
        return new Problem(file, line, column, null, clean(error.getMessage()));
    }

    private static String clean(String message) {
        return message == null ? "does not compile" : message.strip().replaceAll("\\s+", " ");
    }

    /** Whether the compiled packages came from the cache rather than from compiling the DRL. */
    boolean restoredFromCache() {
        return restored;
    }

    /** The compiled rules. */
    public KieBase kieBase() {
        return kieBase;
    }

    /** Each rule's metadata, by rule name, in file and line order. */
    public Map<String, RuleInfo> rules() {
        return rulesByName;
    }

    /** The rule of that name. */
    public RuleInfo rule(String name) {
        return rulesByName.get(name);
    }

    /** The parsed DRL of each file, for the checks; parsed on first use when the rules came from the cache. */
    public synchronized Map<String, PackageDescr> sources() {
        if (sources == null) {
            Map<String, RuleInfo> ignored = new LinkedHashMap<>();
            Map<String, PackageDescr> parsed = new LinkedHashMap<>();
            List<Problem> problems = new ArrayList<>();
            files.files().forEach((name, bytes) -> {
                if (name.endsWith(".drl")) {
                    describe(files.display(name), new String(bytes, StandardCharsets.UTF_8), ignored, parsed, problems);
                }
            });
            sources = Collections.unmodifiableMap(parsed);
        }
        return sources;
    }

    /** The decider over this rule base, made once: its pooled sessions are reused by every advisor of it. */
    public synchronized Decider decider() {
        if (decider == null) {
            decider = new Decider(this);
        }
        return decider;
    }

    public Parameters parameters() {
        return parameters;
    }

    public RuleFiles files() {
        return files;
    }
}
