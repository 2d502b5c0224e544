package dev.ladder.rulebase;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseProblemException;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a rule condition's expression (a constraint, a binding, a {@code from} source, an
 * accumulate argument) the way the rule engine will, and refuses it unless every type, property,
 * method and constant it reaches is one the {@link AllowList} allows. Drools evaluates these
 * expressions with MVEL rather than compiled Java, so their bytecode cannot be read; this reads
 * their meaning instead. Only the plain Java expression forms are accepted: names, properties,
 * method calls, literals, arithmetic, comparisons, casts and {@code instanceof}; anything else
 * (object creation, lambdas, assignments, class literals, MVEL's own syntax) is refused.
 */
final class ConditionTypes {
    /** A refused expression: what is wrong, for a problem line. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The names an expression may use: the pattern's type as {@code this}, bound variables, the
     * package's functions, and the classes rules may name ({@code classes} answers null for any other).
     */
    record Scope(Class<?> self, Map<String, Class<?>> bindings, Map<String, Class<?>> functions,
                 java.util.function.Function<String, Class<?>> classes) {
        Scope with(Class<?> other) {
            return new Scope(other, bindings, functions, classes);
        }
    }

    /** A class named by an expression, as opposed to a value of that class. */
    private record ClassRef(Class<?> type) {
    }

    /** A parser keeps state between calls, so each thread has its own. */
    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)));

    private final Scope scope;

    private ConditionTypes(Scope scope) {
        this.scope = scope;
    }

    /** The type the expression evaluates to, or {@link Refused} with the reason. */
    static Class<?> resolve(String expression, Scope scope) throws Refused {
        Expression parsed;
        try {
            var result = PARSER.get().parseExpression(expression);
            if (!result.isSuccessful() || result.getResult().isEmpty()) {
                throw new Refused("'" + shorten(expression) + "' is not a plain expression rules may use"
                        + " (names, properties, method calls, literals, arithmetic and comparisons)");
            }
            parsed = result.getResult().get();
        } catch (ParseProblemException e) {
            throw new Refused("'" + shorten(expression) + "' is not a plain expression rules may use");
        }
        Object type = new ConditionTypes(scope).type(parsed);
        if (type instanceof ClassRef ref) {
            return ref.type();
        }
        return (Class<?>) type;
    }

    /** The type of a value, or a {@link ClassRef} for a name that denotes a class. */
    private Object type(Expression e) throws Refused {
        if (e instanceof EnclosedExpr enclosed) {
            return type(enclosed.getInner());
        }
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return String.class;
        }
        if (e instanceof IntegerLiteralExpr) {
            return Integer.class;
        }
        if (e instanceof LongLiteralExpr) {
            return Long.class;
        }
        if (e instanceof DoubleLiteralExpr) {
            return Double.class;
        }
        if (e instanceof BooleanLiteralExpr) {
            return Boolean.class;
        }
        if (e instanceof CharLiteralExpr) {
            return Character.class;
        }
        if (e instanceof NullLiteralExpr) {
            return Object.class;
        }
        if (e instanceof ThisExpr) {
            return scope.self();
        }
        if (e instanceof NameExpr name) {
            return name(name.getNameAsString());
        }
        if (e instanceof FieldAccessExpr access) {
            return fieldAccess(access);
        }
        if (e instanceof MethodCallExpr call) {
            return call(call);
        }
        if (e instanceof UnaryExpr unary) {
            Class<?> operand = value(unary.getExpression());
            return unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT ? Boolean.class : operand;
        }
        if (e instanceof BinaryExpr binary) {
            return binary(binary);
        }
        if (e instanceof ConditionalExpr conditional) {
            value(conditional.getCondition());
            Class<?> then = value(conditional.getThenExpr());
            Class<?> otherwise = value(conditional.getElseExpr());
            return numeric(then) && numeric(otherwise) ? Double.class : then;
        }
        if (e instanceof CastExpr cast) {
            value(cast.getExpression());
            return typeNamed(cast.getType().asString());
        }
        if (e instanceof InstanceOfExpr instanceOf) {
            value(instanceOf.getExpression());
            typeNamed(instanceOf.getType().asString());
            return Boolean.class;
        }
        if (e instanceof ArrayAccessExpr index) {
            Class<?> list = value(index.getName());
            value(index.getIndex());
            if (list.isArray()) {
                return list.getComponentType();
            }
            if (java.util.List.class.isAssignableFrom(list) || java.util.Map.class.isAssignableFrom(list)) {
                return Object.class;
            }
            throw new Refused("'" + shorten(index.toString()) + "' indexes a " + list.getSimpleName());
        }
        throw new Refused("'" + shorten(e.toString()) + "' is a " + kind(e)
                + ", which rule conditions may not use (names, properties, method calls, literals, arithmetic and comparisons)");
    }

    private Class<?> value(Expression e) throws Refused {
        Object type = type(e);
        if (type instanceof ClassRef ref) {
            throw new Refused("'" + shorten(e.toString()) + "' names the class " + ref.type().getSimpleName()
                    + " where a value is expected");
        }
        return (Class<?>) type;
    }

    private Object name(String name) throws Refused {
        if (scope.bindings().containsKey(name)) {
            return scope.bindings().get(name);
        }
        if (scope.self() != null) {
            Optional<Method> getter = property(scope.self(), name);
            if (getter.isPresent()) {
                return getter.get().getReturnType();
            }
        }
        Class<?> imported = scope.classes().apply(name);
        if (imported != null) {
            return new ClassRef(imported);
        }
        if (Character.isUpperCase(name.charAt(0)) && exists("java.lang." + name)) {
            throw new Refused("'java.lang." + name + "' is outside what rules may use"
                    + " (the model, the rules' own functions, and basic java.lang, java.util and java.math values)");
        }
        List<String> known = new java.util.ArrayList<>(scope.bindings().keySet());
        if (scope.self() != null) {
            known.addAll(properties(scope.self()));
        }
        throw new Refused("'" + name + "' is neither a variable bound earlier, a property of "
                + (scope.self() == null ? "the pattern" : scope.self().getSimpleName())
                + ", nor a class rules may use" + didYouMean(name, known));
    }

    private Object fieldAccess(FieldAccessExpr access) throws Refused {
        String field = access.getNameAsString();
        Object target;
        try {
            target = type(access.getScope());
        } catch (Refused unknownName) {
            // a qualified class name, e.g. java.lang.Runtime: a package is not a value
            return new ClassRef(typeNamed(access.toString()));
        }
        if (target instanceof ClassRef ref) {
            Field constant = publicField(ref.type(), field, true);
            return checked(ref.type(), field, constant.getType());
        }
        Class<?> type = (Class<?>) target;
        Optional<Method> getter = property(type, field);
        if (getter.isPresent()) {
            return checked(getter.get().getDeclaringClass(), getter.get().getName(), getter.get().getReturnType());
        }
        Field plain = publicField(type, field, false);
        return checked(plain.getDeclaringClass(), field, plain.getType());
    }

    private Class<?> call(MethodCallExpr call) throws Refused {
        String method = call.getNameAsString();
        Class<?>[] arguments = new Class<?>[call.getArguments().size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = value(call.getArgument(i));
        }
        if (call.getScope().isEmpty()) {
            if (scope.functions().containsKey(method)) {
                return scope.functions().get(method);
            }
            if (scope.self() != null) {
                Method found = method(scope.self(), method, arguments, false);
                return checked(found.getDeclaringClass(), method, found.getReturnType());
            }
            throw new Refused("'" + method + "(...)' is not a function of this rule base");
        }
        Object target = type(call.getScope().get());
        boolean statics = target instanceof ClassRef;
        Class<?> type = statics ? ((ClassRef) target).type() : (Class<?>) target;
        Method found = method(type, method, arguments, statics);
        return checked(found.getDeclaringClass(), method, found.getReturnType());
    }

    private Class<?> binary(BinaryExpr binary) throws Refused {
        Class<?> left = value(binary.getLeft());
        Class<?> right = value(binary.getRight());
        return switch (binary.getOperator()) {
            case OR, AND, EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> Boolean.class;
            case PLUS -> left == String.class || right == String.class ? String.class : Double.class;
            case MINUS, MULTIPLY, DIVIDE, REMAINDER -> Double.class;
            default -> throw new Refused("the operator '" + binary.getOperator().asString()
                    + "' is not one rule conditions may use");
        };
    }

    /** A value of {@code type} read through {@code owner.member}: both must be allowed. */
    private static Class<?> checked(Class<?> owner, String member, Class<?> type) throws Refused {
        String internal = owner.getName().replace('.', '/');
        if (!AllowList.member(internal, member)) {
            throw new Refused("'" + owner.getName() + "." + member + "' is outside what rules may use"
                    + " (the model, the rules' own functions, and basic java.lang, java.util and java.math values)");
        }
        return boxed(type);
    }

    private Class<?> typeNamed(String name) throws Refused {
        Class<?> imported = scope.classes().apply(name);
        if (imported != null) {
            return imported;
        }
        throw new Refused("'" + name + "' is outside what rules may use"
                + " (the model, the rules' own functions, and basic java.lang, java.util and java.math values)");
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, ConditionTypes.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A bean property as MVEL reads it: {@code getX()}, {@code isX()}, or a no-argument method {@code x()}. */
    /** The properties rules may read of {@code type}: its getters, named as conditions name them. */
    static List<String> properties(Class<?> type) {
        List<String> names = new java.util.ArrayList<>();
        for (Method method : type.getMethods()) {
            String name = method.getName();
            if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0
                    || method.getDeclaringClass() == Object.class || method.getReturnType() == void.class) {
                continue;
            }
            int prefix = name.startsWith("get") && name.length() > 3 ? 3 : name.startsWith("is") && name.length() > 2 ? 2 : 0;
            if (prefix > 0 && Character.isUpperCase(name.charAt(prefix))) {
                names.add(Character.toLowerCase(name.charAt(prefix)) + name.substring(prefix + 1));
            }
        }
        return names.stream().distinct().sorted().toList();
    }

    /** {@code " (did you mean x?)"} for the closest of {@code known} within a few edits, else nothing. */
    static String didYouMean(String name, java.util.Collection<String> known) {
        org.apache.commons.text.similarity.LevenshteinDistance distance =
                new org.apache.commons.text.similarity.LevenshteinDistance(Math.max(2, name.length() / 4));
        return known.stream()
                .map(candidate -> Map.entry(candidate, distance.apply(name.toLowerCase(java.util.Locale.ROOT),
                        candidate.toLowerCase(java.util.Locale.ROOT))))
                .filter(entry -> entry.getValue() >= 0)
                .min(Comparator.comparingInt((Map.Entry<String, Integer> entry) -> entry.getValue())
                        .thenComparing(Map.Entry::getKey))
                .map(entry -> " (did you mean " + entry.getKey() + "?)")
                .orElse("");
    }

    private static Optional<Method> property(Class<?> type, String name) {
        if (Character.isUpperCase(name.charAt(0))) {
            return Optional.empty(); // properties are written from a lower-case letter; this names a class
        }
        String capital = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of("get" + capital, "is" + capital, name)) {
            try {
                Method method = type.getMethod(candidate);
                if (!Modifier.isStatic(method.getModifiers()) && method.getReturnType() != void.class) {
                    return Optional.of(method);
                }
            } catch (NoSuchMethodException notThisOne) {
                // try the next spelling
            }
        }
        return Optional.empty();
    }

    private static Field publicField(Class<?> type, String name, boolean statics) throws Refused {
        try {
            Field field = type.getField(name);
            if (Modifier.isStatic(field.getModifiers()) == statics) {
                return field;
            }
        } catch (NoSuchFieldException missing) {
            // reported below
        }
        throw new Refused("'" + type.getSimpleName() + "." + name + "' is not a property or constant of "
                + type.getSimpleName() + didYouMean(name, properties(type)));
    }

    /** The public method a call resolves to: the first of that name and arity whose parameters accept the arguments. */
    private static Method method(Class<?> type, String name, Class<?>[] arguments, boolean statics) throws Refused {
        Optional<Method> found = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == arguments.length
                        && Modifier.isStatic(m.getModifiers()) == statics && accepts(m.getParameterTypes(), arguments))
                .min(Comparator.comparing(Method::toGenericString));
        if (found.isEmpty()) {
            throw new Refused("'" + type.getSimpleName() + "." + name + "' with " + arguments.length
                    + " argument(s) is not a " + (statics ? "static " : "") + "method of " + type.getSimpleName());
        }
        return found.get();
    }

    private static boolean accepts(Class<?>[] parameters, Class<?>[] arguments) {
        for (int i = 0; i < parameters.length; i++) {
            Class<?> parameter = boxed(parameters[i]);
            Class<?> argument = arguments[i];
            if (!(parameter.isAssignableFrom(argument) || argument == Object.class
                    || numeric(parameter) && numeric(argument))) {
                return false;
            }
        }
        return true;
    }

    private static boolean numeric(Class<?> type) {
        return Number.class.isAssignableFrom(boxed(type));
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            case "boolean" -> Boolean.class;
            default -> Void.class;
        };
    }

    private static String kind(Expression e) {
        String simple = e.getClass().getSimpleName().replace("Expr", "");
        return switch (simple) {
            case "ObjectCreation" -> "new object";
            case "Lambda" -> "lambda";
            case "MethodReference" -> "method reference";
            case "Class" -> "class literal";
            case "Assign" -> "assignment";
            case "ArrayCreation", "ArrayInitializer" -> "array";
            default -> simple.toLowerCase(java.util.Locale.ROOT) + " expression";
        };
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
