package dev.ladder.rulebase;

import java.util.Map;
import java.util.Set;

/**
 * What the trail and the checks need of one rule, read from its DRL source: metadata, file and
 * line, and the phase (agenda group) it belongs to.
 *
 * @param id     the {@code @id} metadata, or null when missing
 * @param name   the quoted rule name
 * @param file   the rule file as displayed, e.g. {@code rules/knowledge.drl}
 * @param line   1-based line of the {@code rule} keyword
 * @param source the {@code @source} citation, or null when missing
 * @param reason the {@code @reason} template, or null when missing
 * @param phase  the agenda group, or null when the rule names none
 * @param reads  per fact type (simple class name), the words its patterns' constraints use;
 *               intersected with the type's properties this is what the rule read
 */
public record RuleInfo(String id, String name, String file, int line, String source, String reason, String phase,
                       Map<String, Set<String>> reads) implements java.io.Serializable {

    /** The text of a rule's metadata annotation ({@code @id}, {@code @source}, {@code @reason}), or null. */
    static String annotation(org.drools.drl.ast.descr.RuleDescr rule, String key) {
        org.drools.drl.ast.descr.AnnotationDescr annotation = rule.getAnnotation(key);
        if (annotation == null) {
            return null;
        }
        Object value = annotation.getSingleValueStripped();
        return value == null ? null : value.toString().replace("\\\"", "\"");
    }

    /** {@code rules/knowledge.drl:42}. */
    public String location() {
        return file + ":" + line;
    }
}
