package dev.ladder.rulebase;

import dev.ladder.Problem;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.kie.api.definition.KiePackage;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule sandbox. Rules run inside governance workflows, so a rule file may read the model's
 * facts, compute with plain values and insert conclusions, and nothing else: no files, network,
 * processes, threads, reflection, system properties, clocks or defaults of the JVM. It is an
 * allow-list ({@link AllowList}) checked twice, on what the compiler resolved:
 * <ul>
 *   <li>{@link #source}: the parsed rule file: what it imports and declares, its attributes, and
 *       every condition, binding, {@code from} source and accumulate argument, resolved by
 *       {@link ConditionTypes} as the engine will evaluate them;</li>
 *   <li>{@link #compiled}: the classes the Java dialect compiled from consequences, functions,
 *       evals and inline accumulates, read by {@link RuleBytecode}.</li>
 * </ul>
 * A rule base that fails either check is refused with each use located at its file and line,
 * and is never run.
 */
public final class RuleSandbox {
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("collectList", "collectSet", "count", "sum",
            "average", "min", "max");
    private static final Set<String> LITERAL_ATTRIBUTES = Set.of("salience", "enabled");
    private static final Set<String> REFUSED_ATTRIBUTES = Set.of("timer", "calendars", "date-effective",
            "date-expires", "duration");
    private static final String WHAT = " (rules may use the model, their own functions, and basic java.lang, java.util"
            + " and java.math values; see rules/README.md)";

    private final String display;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Class<?>> functions = new HashMap<>();

    private RuleSandbox(String display) {
        this.display = display;
    }

    /** Every use in a parsed rule file of something rules may not use, located. */
    static List<Problem> source(String display, PackageDescr pkg) {
        RuleSandbox sandbox = new RuleSandbox(display);
        sandbox.check(pkg);
        return sandbox.problems;
    }

    private void check(PackageDescr pkg) {
        for (AttributeDescr attribute : pkg.getAttributes()) {
            attribute(attribute, "the file");
        }
        for (ImportDescr anImport : pkg.getImports()) {
            if (!importable(anImport.getTarget())) {
                refuse(anImport, "import " + anImport.getTarget() + " is outside what rules may use" + WHAT);
            }
        }
        pkg.getFunctionImports().forEach(f -> refuse(f, "import function " + f.getTarget()
                + ": rules may call only functions declared in the rule files"));
        pkg.getAccumulateImports().forEach(a -> refuse(a, "import accumulate " + a.getTarget()
                + ": rules may use only Drools' own accumulate functions " + ACCUMULATE_FUNCTIONS));
        pkg.getGlobals().forEach(g -> refuse(g, "global " + g.getIdentifier() + ": rules take their input from"
                + " facts and parameters only"));
        pkg.getTypeDeclarations().forEach(t -> refuse(t, "declare " + t.getTypeName()
                + ": rules use the model's types; new fact types belong in the model"));
        pkg.getEnumDeclarations().forEach(t -> refuse(t, "declare enum " + t.getTypeName()
                + ": rules use the model's types; new fact types belong in the model"));
        pkg.getEntryPointDeclarations().forEach(e -> refuse(e, "entry point " + e.getEntryPointId()
                + ": facts reach the rules by insertion only"));
        pkg.getWindowDeclarations().forEach(w -> refuse(w, "window " + w.getName() + ": decisions are not temporal"));
        for (FunctionDescr function : pkg.getFunctions()) {
            if (function.getDialect() != null && !function.getDialect().equals("java")) {
                refuse(function, "function " + function.getName() + " is in dialect " + function.getDialect()
                        + ": functions are written in Java, so the compiled code can be checked");
            }
            Class<?> returns = classNamed(function.getReturnType());
            functions.put(function.getName(), returns != null ? returns : Object.class);
        }
        for (RuleDescr rule : pkg.getRules()) {
            if (rule.isQuery()) {
                refuse(rule, "query " + rule.getName() + ": rule files hold rules and functions only");
                continue;
            }
            rule.getAttributes().values().forEach(a -> attribute(a, "rule \"" + rule.getName() + "\""));
            if (rule.getLhs() != null) {
                conditions(rule, rule.getLhs(), new LinkedHashMap<>());
            }
        }
    }

    private void attribute(AttributeDescr attribute, String where) {
        String name = attribute.getName();
        String value = attribute.getValue() == null ? "" : attribute.getValue().strip();
        if (name.equals("dialect") && !value.equals("java")) {
            refuse(attribute, where + " uses dialect \"" + value + "\": rules are written in the Java dialect,"
                    + " so their compiled code can be checked");
        } else if (REFUSED_ATTRIBUTES.contains(name)) {
            refuse(attribute, where + " uses " + name + ": decisions do not depend on clocks or calendars");
        } else if (LITERAL_ATTRIBUTES.contains(name) && !value.matches("-?\\d+|true|false")) {
            refuse(attribute, where + " computes its " + name + " (" + value + "): it must be a literal");
        }
    }

    /** Walks a rule's conditions in order, binding each variable to its type as it goes. */
    private void conditions(RuleDescr rule, BaseDescr element, Map<String, Class<?>> bindings) {
        if (element instanceof PatternDescr pattern) {
            pattern(rule, pattern, bindings);
        } else if (element instanceof EvalDescr) {
            // compiled by the Java dialect: the compiled check reads it
        } else if (element instanceof ConditionalElementDescr group) {
            for (BaseDescr child : group.getDescrs()) {
                conditions(rule, child, bindings);
            }
        } else {
            refuse(element, "rule \"" + rule.getName() + "\" uses a " + element.getClass().getSimpleName()
                    .replace("Descr", "") + " condition, which the sandbox does not check, so it is refused");
        }
    }

    private void pattern(RuleDescr rule, PatternDescr pattern, Map<String, Class<?>> bindings) {
        Class<?> type = classNamed(pattern.getObjectType());
        if (type == null) {
            refuse(pattern, "pattern type " + pattern.getObjectType() + " is outside what rules may use" + WHAT);
            return;
        }
        BaseDescr source = pattern.getSource();
        if (source instanceof FromDescr from) {
            expression(rule, from.getLine() > 0 ? from : pattern, from.getExpression() == null ? "" : from.getExpression(),
                    new ConditionTypes.Scope(null, bindings, functions, RuleSandbox::classNamed));
        } else if (source instanceof AccumulateDescr accumulate) {
            accumulate(rule, accumulate, bindings);
        } else if (source instanceof CollectDescr collect) {
            pattern(rule, collect.getInputPattern(), bindings);
        } else if (source != null && !(source instanceof EntryPointDescr)) {
            refuse(source, "rule \"" + rule.getName() + "\" draws facts from a "
                    + source.getClass().getSimpleName().replace("Descr", "") + ", which the sandbox does not check");
        }
        if (pattern.getIdentifier() != null) {
            bindings.put(pattern.getIdentifier(), type);
        }
        ConditionTypes.Scope scope = new ConditionTypes.Scope(type, bindings, functions, RuleSandbox::classNamed);
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (constraint instanceof ExprConstraintDescr expr) {
                constraint(rule, expr, expr.getExpression(), scope, bindings);
            } else if (constraint instanceof BindingDescr binding) {
                bind(rule, binding, binding.getVariable(), binding.getExpression(), scope, bindings);
            }
        }
    }

    private void accumulate(RuleDescr rule, AccumulateDescr accumulate, Map<String, Class<?>> bindings) {
        if (accumulate.getInput() != null) {
            conditions(rule, accumulate.getInput(), bindings);
        }
        if (!accumulate.isExternalFunction()) {
            refuse(accumulate, rule, "rule \"" + rule.getName() + "\" writes inline accumulate code (init, action,"
                    + " result): use one of the accumulate functions " + ACCUMULATE_FUNCTIONS);
            return;
        }
        for (AccumulateDescr.AccumulateFunctionCallDescr call : accumulate.getFunctions()) {
            if (!ACCUMULATE_FUNCTIONS.contains(call.getFunction())) {
                refuse(accumulate, "accumulate function " + call.getFunction() + " is not one of " + ACCUMULATE_FUNCTIONS);
                continue;
            }
            for (String parameter : call.getParams()) {
                expression(rule, accumulate, parameter,
                        new ConditionTypes.Scope(null, bindings, functions, RuleSandbox::classNamed));
            }
            if (call.getBind() != null) {
                bindings.put(call.getBind(), switch (call.getFunction()) {
                    case "collectList" -> List.class;
                    case "collectSet" -> Set.class;
                    case "count" -> Long.class;
                    default -> Double.class;
                });
            }
        }
    }

    /** A constraint as Drools splits it: bindings, and comparisons of plain expressions. */
    private void constraint(RuleDescr rule, BaseDescr where, String text, ConditionTypes.Scope scope,
                            Map<String, Class<?>> bindings) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr parsed = parser.parse(text);
        if (parser.hasErrors() || parsed == null) {
            refuse(where, "rule \"" + rule.getName() + "\": the constraint '" + text.strip() + "' does not parse");
            return;
        }
        connective(rule, where, parsed, scope, bindings);
    }

    private void connective(RuleDescr rule, BaseDescr where, BaseDescr descr, ConditionTypes.Scope scope,
                            Map<String, Class<?>> bindings) {
        if (descr instanceof ConstraintConnectiveDescr connective) {
            for (BaseDescr child : connective.getDescrs()) {
                connective(rule, where, child, scope, bindings);
            }
        } else if (descr instanceof BindingDescr binding) {
            bind(rule, where, binding.getVariable(), binding.getExpression(), scope, bindings);
        } else if (descr instanceof RelationalExprDescr relation) {
            String operator = relation.getOperator();
            if (!Set.of("==", "!=", "<", ">", "<=", ">=", "contains", "memberOf").contains(operator)) {
                refuse(where, "rule \"" + rule.getName() + "\" uses the operator '" + operator
                        + "', which is not one rule conditions may use (==, !=, <, >, <=, >=, contains, memberOf)");
                return;
            }
            connective(rule, where, relation.getLeft(), scope, bindings);
            connective(rule, where, relation.getRight(), scope, bindings);
        } else if (descr instanceof AtomicExprDescr atom) {
            if (!atom.isLiteral()) {
                expression(rule, where, atom.getExpression(), scope);
            }
        } else {
            refuse(where, "rule \"" + rule.getName() + "\" has a constraint part the sandbox does not check: " + descr);
        }
    }

    private void bind(RuleDescr rule, BaseDescr where, String variable, String expression, ConditionTypes.Scope scope,
                      Map<String, Class<?>> bindings) {
        Class<?> type = expression(rule, where, expression, scope);
        bindings.put(variable, type == null ? Object.class : type);
    }

    private Class<?> expression(RuleDescr rule, BaseDescr where, String text, ConditionTypes.Scope scope) {
        try {
            return ConditionTypes.resolve(text, scope);
        } catch (ConditionTypes.Refused refused) {
            refuse(where, rule, "rule \"" + rule.getName() + "\": " + refused.getMessage());
            return null;
        }
    }

    private void refuse(BaseDescr where, String message) {
        refuse(where, null, message);
    }

    /** A problem at {@code where}, or at {@code otherwise} when the parser left {@code where} without a line. */
    private void refuse(BaseDescr where, BaseDescr otherwise, String message) {
        BaseDescr at = where.getLine() > 0 || otherwise == null ? where : otherwise;
        problems.add(new Problem(display, Math.max(at.getLine(), 1), Math.max(at.getColumn(), 0) + 1, null,
                "refused: " + message));
    }

    /** Whether an import names only what rules may use; a wildcard only of the model or basic value packages. */
    private static boolean importable(String target) {
        if (target.endsWith(".*")) {
            return Set.of("dev.ladder.model.*", "java.lang.*", "java.util.*", "java.math.*").contains(target);
        }
        return classNamed(target) != null;
    }

    /**
     * The class a rule may name as {@code name}: a model class by its simple or full name, or an
     * allowed JDK class by its simple name (as java.lang and the usual imports make them visible)
     * or full name. Null for anything else.
     */
    static Class<?> classNamed(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.strip();
        if (trimmed.endsWith("[]")) {
            Class<?> element = classNamed(trimmed.substring(0, trimmed.length() - 2));
            return element == null ? null : element.arrayType();
        }
        switch (trimmed) {
            case "int", "long", "double", "float", "short", "byte", "char", "boolean", "void" -> {
                return primitive(trimmed);
            }
            default -> {
                // a class name
            }
        }
        List<String> candidates = trimmed.contains(".") ? List.of(trimmed)
                : List.of("dev.ladder.model." + trimmed, "java.lang." + trimmed, "java.util." + trimmed,
                "java.math." + trimmed);
        for (String candidate : candidates) {
            if (!AllowList.type(candidate.replace('.', '/'))) {
                continue;
            }
            try {
                return Class.forName(candidate, false, RuleSandbox.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError notThere) {
                // try the next package
            }
        }
        return null;
    }

    private static Class<?> primitive(String name) {
        return switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "double" -> double.class;
            case "float" -> float.class;
            case "short" -> short.class;
            case "byte" -> byte.class;
            case "char" -> char.class;
            case "boolean" -> boolean.class;
            default -> void.class;
        };
    }

    /**
     * Every use in compiled rule code of something rules may not use, located at the rule or
     * function it was compiled from; {@code sources} are the parsed files the packages came from.
     */
    static List<Problem> compiled(Collection<KiePackage> packages, Map<String, PackageDescr> sources, RuleFiles files) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Located> owners = owners(packages, sources);
        for (KiePackage kiePackage : packages) {
            JavaDialectRuntimeData data = javaData(kiePackage);
            if (data == null) {
                continue;
            }
            for (Map.Entry<String, byte[]> entry : data.getStore().entrySet()) {
                if (!entry.getKey().endsWith(".class")) {
                    continue;
                }
                for (RuleBytecode.Reference reference : RuleBytecode.references(entry.getValue())) {
                    problems.add(locate(reference, owners, files));
                }
            }
        }
        return problems.stream().distinct()
                .sorted(java.util.Comparator.comparing(Problem::file).thenComparingInt(Problem::line)
                        .thenComparingInt(Problem::column))
                .toList();
    }

    /** Adds the per-decision budget to every compiled rule class, and reloads them. */
    static void instrument(Collection<KiePackage> packages) {
        for (KiePackage kiePackage : packages) {
            JavaDialectRuntimeData data = javaData(kiePackage);
            if (data == null || data.getStore().isEmpty()) {
                continue;
            }
            for (String name : List.copyOf(data.getStore().keySet())) {
                if (name.endsWith(".class")) {
                    data.write(name, RuleBytecode.withBudget(data.getStore().get(name)));
                }
            }
            data.reload();
        }
    }

    private static JavaDialectRuntimeData javaData(KiePackage kiePackage) {
        if (kiePackage instanceof InternalKnowledgePackage internal
                && internal.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData data) {
            return data;
        }
        return null;
    }

    /** A rule or function, by the file and line it is written at. */
    private record Located(String file, int line, int endLine, String what) {
    }

    /** Which rule or function each compiled class was compiled from, by the class name's stem. */
    private static Map<String, Located> owners(Collection<KiePackage> packages, Map<String, PackageDescr> sources) {
        Map<String, Located> owners = new HashMap<>();
        for (Map.Entry<String, PackageDescr> source : sources.entrySet()) {
            for (FunctionDescr function : source.getValue().getFunctions()) {
                String stem = Character.toUpperCase(function.getName().charAt(0)) + function.getName().substring(1);
                owners.put(source.getValue().getNamespace().replace('.', '/') + "/" + stem,
                        new Located(source.getKey(), function.getLine(), function.getEndLine(),
                                "function " + function.getName()));
            }
        }
        Map<String, Located> rules = new HashMap<>();
        sources.forEach((file, pkg) -> pkg.getRules().forEach(r -> rules.put(r.getName(),
                new Located(file, r.getLine(), r.getEndLine(), "rule \"" + r.getName() + "\""))));
        for (KiePackage kiePackage : packages) {
            for (var rule : kiePackage.getRules()) {
                Located where = rules.get(rule.getName());
                if (where != null && rule instanceof RuleImpl impl && impl.getConsequence() != null) {
                    String invoker = impl.getConsequence().getClass().getName().replace('.', '/');
                    owners.put(invoker.replaceAll("DefaultConsequenceInvoker$", ""), where);
                }
            }
        }
        return owners;
    }

    private static Problem locate(RuleBytecode.Reference reference, Map<String, Located> owners, RuleFiles files) {
        String className = reference.className();
        String stem = className.replaceAll("(Eval\\d+|Accumulate\\w*\\d+|DefaultConsequence)Invoker$", "");
        Located where = owners.get(stem);
        String message = "refused: " + reference.what().replace(".<init>", " (a constructor)")
                + " is outside what rules may use" + WHAT;
        if (where == null) {
            return Problem.ofFile("rules", message + " (in compiled class " + className.replace('/', '.') + ")");
        }
        String member = reference.what().replaceAll(".*\\.", "");
        String word = member.equals("<init>") ? reference.what().replaceAll("\\.<init>$", "").replaceAll(".*\\.", "")
                : member.replaceAll("[^A-Za-z0-9_$].*", "");
        int[] at = positionOf(files, where, word);
        return new Problem(where.file(), at[0], at[1], null, where.what() + " " + message);
    }

    /** The line and column in the rule or function where the refused name is written, else its first line. */
    private static int[] positionOf(RuleFiles files, Located where, String word) {
        int[] start = {Math.max(where.line(), 1), 1};
        byte[] bytes = files.files().get(where.file().substring(where.file().lastIndexOf('/') + 1));
        if (bytes == null || word.isEmpty()) {
            return start;
        }
        String[] lines = DrlText.codeOnly(new String(bytes, StandardCharsets.UTF_8)).split("\n", -1);
        Pattern exact = Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])");
        int end = where.endLine() > 0 ? Math.min(where.endLine(), lines.length) : lines.length;
        for (int i = Math.max(where.line() - 1, 0); i < end; i++) {
            Matcher matcher = exact.matcher(lines[i]);
            if (matcher.find()) {
                return new int[] {i + 1, matcher.start() + 1};
            }
        }
        return start;
    }

    /**
     * The SHA-256 of the classes that check and instrument rule code: compiled rules saved by one
     * version of these checks are not to be trusted by another.
     */
    public static String fingerprint() {
        java.security.MessageDigest digest = dev.ladder.support.Sha256.digest();
        for (Class<?> part : List.of(AllowList.class, RuleBytecode.class, RuleSandbox.class, ConditionTypes.class,
                Budget.class)) {
            try (var in = part.getResourceAsStream(part.getSimpleName() + ".class")) {
                if (in != null) {
                    digest.update(in.readAllBytes());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read the program's own classes", e);
            }
        }
        return dev.ladder.support.Sha256.hex(digest);
    }
}
