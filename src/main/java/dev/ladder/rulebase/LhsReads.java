package dev.ladder.rulebase;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which words each fact pattern of a rule's conditions uses, read from the parsed DRL. */
final class LhsReads {
    private static final Pattern WORD = Pattern.compile("(?<![$\\w.])([a-z][A-Za-z0-9]*)");

    private LhsReads() {
    }

    static Map<String, Set<String>> of(RuleDescr rule) {
        Map<String, Set<String>> reads = new TreeMap<>();
        if (rule.getLhs() != null) {
            walk(rule.getLhs(), reads);
        }
        reads.replaceAll((type, words) -> Collections.unmodifiableSet(words));
        return Collections.unmodifiableMap(reads);
    }

    private static void walk(BaseDescr descr, Map<String, Set<String>> reads) {
        if (descr instanceof PatternDescr pattern) {
            Set<String> words = reads.computeIfAbsent(simpleName(pattern.getObjectType()), k -> new LinkedHashSet<>());
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expr) {
                    Matcher matcher = WORD.matcher(expr.getExpression());
                    while (matcher.find()) {
                        words.add(matcher.group(1));
                    }
                }
            }
            if (pattern.getSource() != null) {
                walk(pattern.getSource(), reads);
            }
        } else if (descr instanceof AccumulateDescr accumulate) {
            if (accumulate.getInput() != null) {
                walk(accumulate.getInput(), reads);
            }
        } else if (descr instanceof ConditionalElementDescr element) {
            for (BaseDescr child : element.getDescrs()) {
                walk(child, reads);
            }
        }
    }

    private static String simpleName(String type) {
        return type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
    }
}
