package dev.ladder.rulebase;

import java.util.Map;
import java.util.Set;

/**
 * What rule code may reach, by JVM internal name: the model's facts and conclusions, the rules'
 * own functions, a small set of value types from {@code java.lang}, {@code java.util} and
 * {@code java.math}, and, from Drools, inserting a conclusion and stopping the session. Both the
 * checks of compiled consequences and functions ({@link RuleBytecode}) and the checks of
 * condition expressions ({@link ConditionTypes}) ask this one list. Anything not named here is
 * refused; the list is documented in {@code rules/README.md}.
 */
final class AllowList {
    static final String MODEL = "dev/ladder/model/";
    static final String RULES = "ladder/rules/";
    private static final String ALL = "*";

    /** Allowed JDK and engine types and, for each, the members allowed ({@value #ALL} = every member but those denied). */
    private static final Map<String, Set<String>> MEMBERS = Map.ofEntries(
            Map.entry("java/lang/Object", Set.of("<init>", "equals", "hashCode", "toString")),
            Map.entry("java/lang/String", Set.of(ALL)),
            Map.entry("java/lang/CharSequence", Set.of(ALL)),
            Map.entry("java/lang/StringBuilder", Set.of(ALL)),
            Map.entry("java/lang/Math", Set.of(ALL)),
            Map.entry("java/lang/StrictMath", Set.of(ALL)),
            Map.entry("java/lang/Number", Set.of(ALL)),
            Map.entry("java/lang/Integer", Set.of(ALL)),
            Map.entry("java/lang/Long", Set.of(ALL)),
            Map.entry("java/lang/Double", Set.of(ALL)),
            Map.entry("java/lang/Float", Set.of(ALL)),
            Map.entry("java/lang/Short", Set.of(ALL)),
            Map.entry("java/lang/Byte", Set.of(ALL)),
            Map.entry("java/lang/Boolean", Set.of(ALL)),
            Map.entry("java/lang/Character", Set.of(ALL)),
            Map.entry("java/lang/Comparable", Set.of(ALL)),
            Map.entry("java/lang/Iterable", Set.of("iterator", "forEach")),
            Map.entry("java/lang/Enum", Set.of("name", "ordinal", "compareTo", "equals", "hashCode", "toString")),
            Map.entry("java/lang/NoSuchFieldError", Set.of("<init>")),
            Map.entry("java/lang/IllegalArgumentException", Set.of("<init>")),
            Map.entry("java/lang/IllegalStateException", Set.of("<init>")),
            Map.entry("java/lang/ArithmeticException", Set.of("<init>")),
            Map.entry("java/util/Collection", Set.of(ALL)),
            Map.entry("java/util/List", Set.of(ALL)),
            Map.entry("java/util/ArrayList", Set.of(ALL)),
            Map.entry("java/util/LinkedList", Set.of(ALL)),
            Map.entry("java/util/Set", Set.of(ALL)),
            Map.entry("java/util/HashSet", Set.of(ALL)),
            Map.entry("java/util/LinkedHashSet", Set.of(ALL)),
            Map.entry("java/util/TreeSet", Set.of(ALL)),
            Map.entry("java/util/SortedSet", Set.of(ALL)),
            Map.entry("java/util/Map", Set.of(ALL)),
            Map.entry("java/util/Map$Entry", Set.of(ALL)),
            Map.entry("java/util/HashMap", Set.of(ALL)),
            Map.entry("java/util/LinkedHashMap", Set.of(ALL)),
            Map.entry("java/util/TreeMap", Set.of(ALL)),
            Map.entry("java/util/SortedMap", Set.of(ALL)),
            Map.entry("java/util/Iterator", Set.of(ALL)),
            Map.entry("java/util/ListIterator", Set.of(ALL)),
            Map.entry("java/util/Collections", Set.of(ALL)),
            Map.entry("java/util/Arrays", Set.of(ALL)),
            Map.entry("java/util/Objects", Set.of(ALL)),
            Map.entry("java/util/Optional", Set.of(ALL)),
            Map.entry("java/util/function/Function", Set.of(ALL)),
            Map.entry("java/util/function/Predicate", Set.of(ALL)),
            Map.entry("java/util/function/Consumer", Set.of(ALL)),
            Map.entry("java/util/function/Supplier", Set.of(ALL)),
            Map.entry("java/math/BigDecimal", Set.of(ALL)),
            Map.entry("java/math/RoundingMode", Set.of(ALL)),
            Map.entry("java/math/MathContext", Set.of(ALL)),
            // how javac and ecj compile string concatenation and lambdas
            Map.entry("java/lang/invoke/StringConcatFactory", Set.of("makeConcatWithConstants", "makeConcat")),
            Map.entry("java/lang/invoke/LambdaMetafactory", Set.of("metafactory", "altMetafactory")),
            // the Java dialect writes every function class as Externalizable, with empty methods:
            // the types may appear, none of their members may be used
            Map.entry("java/io/Externalizable", Set.of()),
            Map.entry("java/io/Serializable", Set.of()),
            Map.entry("java/io/ObjectInput", Set.of()),
            Map.entry("java/io/ObjectOutput", Set.of()),
            // what a consequence may ask of Drools: insert a conclusion, or stop
            Map.entry("org/drools/core/rule/consequence/KnowledgeHelper", Set.of("insert", "insertLogical", "halt")),
            Map.entry("org/drools/base/rule/consequence/ConsequenceContext", Set.of()),
            Map.entry("org/kie/api/runtime/rule/FactHandle", Set.of()),
            // how the Java dialect returns an accumulate expression's value
            Map.entry("org/drools/mvel/field/FieldFactory", Set.of("getInstance", "getFieldValue")),
            Map.entry("org/drools/base/rule/accessor/FieldValue", Set.of()));

    /**
     * Members of allowed types that are still refused: they read the environment, spend time or
     * memory no rule needs, or are not reproducible.
     */
    private static final Map<String, Set<String>> DENIED = Map.of(
            "java/lang/Integer", Set.of("getInteger"),
            "java/lang/Long", Set.of("getLong"),
            "java/lang/Boolean", Set.of("getBoolean"),
            "java/lang/String", Set.of("matches", "replaceAll", "replaceFirst", "split", "repeat"),
            "java/util/Collections", Set.of("shuffle", "nCopies"),
            "java/lang/Math", Set.of("random"),
            "java/lang/StrictMath", Set.of("random"),
            "java/math/BigDecimal", Set.of("pow", "sqrt"));

    private AllowList() {
    }

    /** Whether rule code may name this type at all (an array of it included). */
    static boolean type(String internalName) {
        String name = elementType(internalName);
        return name.length() == 1 // a primitive
                || name.startsWith(MODEL) && name.indexOf('/', MODEL.length()) < 0
                || name.startsWith(RULES) && name.indexOf('/', RULES.length()) < 0
                || MEMBERS.containsKey(name);
    }

    /** Whether rule code may use this member of this type. */
    static boolean member(String owner, String name) {
        String type = elementType(owner);
        if (!type(type)) {
            return false;
        }
        if (type.length() == 1 || type.startsWith(MODEL) || type.startsWith(RULES)) {
            return true;
        }
        Set<String> allowed = MEMBERS.get(type);
        if (DENIED.getOrDefault(type, Set.of()).contains(name)) {
            return false;
        }
        return allowed.contains(ALL) || allowed.contains(name)
                || name.equals("clone") && owner.startsWith("[");
    }

    /** The element type of an array type, in internal form; primitives as their one-letter descriptor. */
    private static String elementType(String internalName) {
        String name = internalName;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.startsWith("L") && name.endsWith(";")) {
            name = name.substring(1, name.length() - 1);
        }
        return name;
    }

    /** A type as a person writes it: {@code java.util.Locale}. */
    static String readable(String internalName) {
        return elementType(internalName).replace('/', '.').replace('$', '.');
    }
}
