package dev.ladder.rulebase;


import dev.ladder.LadderException;
import dev.ladder.Problem;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.drools.io.DescrResource;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.kie.internal.io.ResourceFactory;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled rule base: the DRL files of a rules directory compiled at run time into a
 * {@link KieBase}, with each rule's metadata, file and line, and the parameters.
 */
public final class RuleBase {
    /**
     * The stages of the decision procedure, as agenda groups, in the order they run. A rule
     * belongs to one; rules of a later stage see every conclusion of the earlier ones.
     */
    public static final List<String> PHASES =
            List.of("frame", "measure", "classify", "resolve", "prefer", "plan", "recommend", "report");

    /**
     * The last stage explains a decision already made (why not the others, the figures' unknown
     * facts, the confidence): deciding a scenario again to compare answers stops before it.
     */
    public static final String EXPLAINING_PHASE = "report";

    /**
     * The conclusions deciding again compares, which no rule of {@link #EXPLAINING_PHASE} may
     * conclude: the recommendation, its techniques, what holds a rung back, the contradictions
     * and the figures.
     */
    public static final Set<String> DECIDING_TYPES =
            Set.of("Recommendation", "Advice", "Pending", "Awaits", "Blocked", "Contradiction", "Figure");

    private final RuleFiles files;
    private final Parameters parameters;
    private final Map<String, RuleInfo> rulesByName;
    private volatile Map<String, PackageDescr> sources;
    private final KieBase kieBase;
    private final boolean restored;
    private final Sessions sessions;
    /** Per rule name and fact type, the properties the rule's conditions read; found on first use. */
    private final Map<String, Map<Class<?>, List<String>>> propertiesRead = new java.util.concurrent.ConcurrentHashMap<>();

    private RuleBase(RuleFiles files, Parameters parameters, Map<String, RuleInfo> rulesByName,
                     Map<String, PackageDescr> sources, KieBase kieBase) {
        this(files, parameters, rulesByName, sources, kieBase, new Sessions(kieBase));
    }

    private RuleBase(RuleFiles files, Parameters parameters, Map<String, RuleInfo> rulesByName,
                     Map<String, PackageDescr> sources, KieBase kieBase, Sessions sessions) {
        this.files = files;
        this.parameters = parameters;
        this.rulesByName = rulesByName;
        this.sources = sources;
        this.kieBase = kieBase;
        this.sessions = sessions;
        this.restored = sources == null;
    }

    /**
     * The pool of reusable sessions over one knowledge base, made on first use and shared by
     * every rule base that differs from it only in parameters: a pool registers its sessions
     * with the knowledge base, so one pool per parameter edit would pile up.
     */
    static final class Sessions {
        private final KieBase kieBase;
        private KieSessionsPool pool;

        Sessions(KieBase kieBase) {
            this.kieBase = kieBase;
        }

        synchronized KieSessionsPool pool() {
            if (pool == null) {
                pool = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
            }
            return pool;
        }
    }

    /** Parses and compiles {@code files}; every parse or compile error is a located problem. */
    public static RuleBase compile(RuleFiles files) throws LadderException.BadInput {
        return compile(files, false);
    }

    /**
     * The rule files parsed but not compiled, with their parameters: enough for the checks, so a
     * rule base that does not compile can still be linted in the same run. It cannot decide.
     */
    public static RuleBase parsedOnly(RuleFiles files) throws LadderException.BadInput {
        Parameters parameters = parameters(files);
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        Map<String, PackageDescr> sources = new LinkedHashMap<>();
        files.files().forEach((name, bytes) -> {
            if (name.endsWith(".drl")) {
                describe(files.display(name), new String(bytes, StandardCharsets.UTF_8), rules, sources, new ArrayList<>());
            }
        });
        return new RuleBase(files, parameters, Collections.unmodifiableMap(rules), Collections.unmodifiableMap(sources),
                null, null);
    }

    /**
     * The rule base of already compiled {@code packages}, as {@code dev.ladder.cache} saved them,
     * with the rules' metadata and the parameters read now; its sources are parsed when first asked for.
     */
    public static RuleBase restored(RuleFiles files, Parameters parameters, Map<String, RuleInfo> rules,
                                    Collection<KiePackage> packages) {
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
        kieBase.addPackages(packages);
        return new RuleBase(files, parameters, relocated(rules, files), null, kieBase);
    }

    /**
     * This rule base with the parameters of {@code files}, whose rule files must be this one's: the
     * compiled rules and their pooled sessions are shared.
     */
    public RuleBase withParametersOf(RuleFiles files) throws LadderException.BadInput {
        if (!files.drlSha256().equals(this.files.drlSha256())) {
            throw new IllegalArgumentException("other rule files: compile them");
        }
        return new RuleBase(files, parameters(files), rulesByName, sources, kieBase, sessions);
    }

    /** The parameters file of {@code files}, read and checked. */
    public static Parameters parameters(RuleFiles files) throws LadderException.BadInput {
        return Parameters.parse(files.display(Parameters.FILE), files.files().get(Parameters.FILE));
    }

    /** As {@link #compile(RuleFiles)}; {@code together} compiles every file in one build, as tests compare. */
    static RuleBase compile(RuleFiles files, boolean together) throws LadderException.BadInput {
        Parameters parameters = parameters(files);
        List<Problem> problems = new ArrayList<>();
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        Map<String, PackageDescr> sources = new LinkedHashMap<>();
        List<Unit> units = files.files().entrySet().stream().filter(file -> file.getKey().endsWith(".drl"))
                .map(file -> Unit.of(files.display(file.getKey()), file.getValue(), files)).toList();
        for (Unit unit : units) {
            problems.addAll(unit.problems());
            if (unit.descr() != null) {
                sources.put(unit.display(), unit.descr());
            }
            for (RuleInfo rule : unit.rules()) {
                RuleInfo first = rules.putIfAbsent(rule.name(), rule);
                if (first != null) {
                    problems.add(new Problem(rule.file(), rule.line(), 1, null, "rule \"" + rule.name()
                            + "\" is already defined at " + first.file() + ":" + first.line()
                            + " (rule names must be unique)"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new LadderException.BadInput(problems);
        }
        Collection<KiePackage> packages = new ArrayList<>();
        if (!together && units.stream().allMatch(u -> u.selfContained() && u.compileProblems().isEmpty())
                && uniqueFunctions(units)) {
            units.forEach(unit -> packages.addAll(unit.packages()));
        } else {
            // files share one package: one may use another's imports or functions, or clash with
            // them, and only compiling them together tells, with the errors Drools gives
            packages.addAll(buildTogether(files, sources));
        }
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
        kieBase.addPackages(packages);
        inLoadOrder(kieBase, units);
        return new RuleBase(files, parameters, Collections.unmodifiableMap(rules),
                Collections.unmodifiableMap(sources), kieBase);
    }

    /**
     * Numbers the rules as one build of all the files would, in file order and then in order
     * within each file: Drools breaks ties between activations of equal salience by this order,
     * and a file compiled alone numbers its rules from zero.
     */
    private static void inLoadOrder(KieBase kieBase, List<Unit> units) {
        int order = 0;
        for (Unit unit : units) {
            for (RuleDescr rule : unit.descr().getRules()) {
                ((RuleImpl) kieBase.getRule(unit.descr().getNamespace(), rule.getName())).setLoadOrder(order++);
            }
        }
    }

    /** Whether no function name is declared by two files: compiled apart, neither would see the clash. */
    private static boolean uniqueFunctions(List<Unit> units) {
        java.util.Set<String> names = new java.util.HashSet<>();
        return units.stream().flatMap(u -> u.descr().getFunctions().stream()).allMatch(f -> names.add(f.getName()));
    }

    private static KnowledgeBuilder newBuilder() {
        var configuration = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration();
        // Facts are never modified once inserted, so tracking which properties a rule watches is wasted work.
        configuration.setOption(org.kie.internal.builder.conf.PropertySpecificOption.DISABLED);
        return KnowledgeBuilderFactory.newKnowledgeBuilder(configuration);
    }

    /** Compiles every file in one builder: needed when a file declares what another may use. */
    private static Collection<KiePackage> buildTogether(RuleFiles files, Map<String, PackageDescr> sources)
            throws LadderException.BadInput {
        KnowledgeBuilder builder = newBuilder();
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
        List<Problem> problems = new ArrayList<>();
        for (KnowledgeBuilderError error : builder.getErrors()) {
            problems.add(ConsequenceErrors.pinpoint(located(error, files.display()), files));
        }
        if (!problems.isEmpty()) {
            throw new LadderException.BadInput(problems);
        }
        Collection<KiePackage> packages = builder.getKnowledgePackages();
        problems.addAll(RuleSandbox.compiled(packages, sources, files));
        if (!problems.isEmpty()) {
            throw new LadderException.BadInput(problems);
        }
        RuleSandbox.instrument(packages);
        return packages;
    }

    /**
     * One rule file, parsed, checked and compiled on its own. A process keeps the units it has
     * built, by file and content, so that after an edit only the edited files are compiled again.
     *
     * @param problems         what the safety scan and the parser found
     * @param selfContained    whether it declares no types, globals, queries or rule inheritance,
     *                         which would tie its compilation to other files
     * @param compileProblems  what the compiler found when it was compiled alone
     * @param packages         the file compiled alone; empty when it has any problem
     */
    private record Unit(String display, PackageDescr descr, List<RuleInfo> rules, List<Problem> problems,
                        boolean selfContained, List<Problem> compileProblems,
                        Collection<KiePackage> packages) {
        private static final int KEPT = 64;
        private static final Map<String, Unit> built = new LinkedHashMap<>(KEPT + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Unit> eldest) {
                return size() > KEPT;
            }
        };

        static Unit of(String display, byte[] bytes, RuleFiles files) {
            String key = display + "\n" + RuleFiles.sha256(bytes);
            synchronized (built) {
                Unit known = built.get(key);
                if (known != null) {
                    return known;
                }
            }
            Unit unit = build(display, bytes, files);
            synchronized (built) {
                built.put(key, unit);
            }
            return unit;
        }

        private static Unit build(String display, byte[] bytes, RuleFiles files) {
            String drl = new String(bytes, StandardCharsets.UTF_8);
            List<Problem> problems = new ArrayList<>();
            Map<String, RuleInfo> rules = new LinkedHashMap<>();
            Map<String, PackageDescr> parsed = new LinkedHashMap<>();
            describe(display, drl, rules, parsed, problems);
            PackageDescr descr = parsed.get(display);
            if (descr != null) {
                problems.addAll(RuleSandbox.source(display, descr));
            }
            boolean alone = descr != null && descr.getTypeDeclarations().isEmpty()
                    && descr.getEnumDeclarations().isEmpty() && descr.getGlobals().isEmpty()
                    && descr.getFunctionImports().isEmpty() && descr.getAccumulateImports().isEmpty()
                    && descr.getEntryPointDeclarations().isEmpty() && descr.getWindowDeclarations().isEmpty()
                    && descr.getRules().stream().noneMatch(r -> r.isQuery() || r.getParentName() != null);
            Collection<KiePackage> packages = List.of();
            List<Problem> compileProblems = new ArrayList<>();
            if (problems.isEmpty() && alone) {
                KnowledgeBuilder builder = newBuilder();
                DescrResource resource = new DescrResource(descr);
                resource.setSourcePath(display);
                builder.add(resource, ResourceType.DESCR);
                for (KnowledgeBuilderError error : builder.getErrors()) {
                    compileProblems.add(ConsequenceErrors.pinpoint(located(error, display), files));
                }
                packages = compileProblems.isEmpty() ? builder.getKnowledgePackages() : List.of();
                List<Problem> refused = RuleSandbox.compiled(packages, Map.of(display, descr), files);
                if (!refused.isEmpty()) {
                    problems.addAll(refused);
                    packages = List.of();
                } else {
                    RuleSandbox.instrument(packages);
                }
            }
            return new Unit(display, descr, List.copyOf(rules.values()), List.copyOf(problems), alone,
                    List.copyOf(compileProblems), packages);
        }
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
            rules.putIfAbsent(rule.getName(), new RuleInfo(RuleInfo.annotation(rule, "id"), rule.getName(), display,
                    rule.getLine(), RuleInfo.annotation(rule, "source"), RuleInfo.annotation(rule, "reason"),
                    group == null ? filePhase : group.getValue(), LhsReads.of(rule)));
        }
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

    /** Whether the compiled packages were restored (from the cache) rather than compiled from the DRL. */
    public boolean restored() {
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

    /**
     * The properties of {@code type} that the conditions of {@code rule} read, in the type's
     * getter order: the words its patterns use on that type, among the type's properties.
     */
    public List<String> propertiesRead(RuleInfo rule, Class<?> type) {
        return propertiesRead.computeIfAbsent(rule.name(), name -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(type, t -> {
                    Set<String> words = rule.reads().getOrDefault(t.getSimpleName(), Set.of());
                    return Beans.getters(t).keySet().stream().filter(words::contains).toList();
                });
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

    /** The reusable sessions over the compiled rules, shared by every rule base that differs only in parameters. */
    public KieSessionsPool sessions() {
        return sessions.pool();
    }

    public Parameters parameters() {
        return parameters;
    }

    public RuleFiles files() {
        return files;
    }
}
