package dev.ladder.cli;

import dev.ladder.RuleDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule that throws or never settles stops the decision with exit 3, naming the rule. */
class RuleFaultTest {
    private static final String SCENARIO = "facts/too-few-examples-exact-voice.yaml";

    @Test
    void whenAConsequenceThrows_thenExitThreeNamingTheRule(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        int line = RuleDirs.append(rules, "risks.drl", """
                rule "Throws"
                    @id("Z-10") @source("x") @reason("y")
                    agenda-group "recommend"
                when
                    Recommendation()
                then
                    Object nothing = null;
                    nothing.toString();
                end
                """);

        Cli result = Cli.run("decide", SCENARIO, "--rules", rules.toString());

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith(rules + "/risks.drl:" + line + ":1: rule Z-10 (\"Throws\"): its consequence threw NullPointerException")
                .contains("no decision was made").doesNotContain("\tat ");
    }

    @Test
    void whenAConditionThrows_thenExitThreeNamingTheRule(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        int line = RuleDirs.append(rules, "risks.drl", """
                rule "Condition throws"
                    @id("Z-12") @source("x") @reason("y")
                    agenda-group "classify"
                when
                    Data( labelledExamples != null, Integer.parseInt("x" + labelledExamples) > 1 )
                then
                end
                """);

        Cli result = Cli.run("decide", SCENARIO, "--rules", rules.toString());

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith(rules + "/risks.drl:" + line
                + ":1: rule Z-12 (\"Condition throws\"): evaluating its conditions threw NumberFormatException");
    }

    @Test
    void whenARuleFeedsItself_thenTheFiringLimitStopsItWithExitThree(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        int line = RuleDirs.append(rules, "risks.drl", """
                rule "Feeds itself"
                    @id("Z-11") @source("x") @reason("y")
                    agenda-group "classify"
                when
                    $f : Finding()
                then
                    insert(new Finding("loop", "again"));
                end
                """);

        Cli result = Cli.run("decide", SCENARIO, "--rules", rules.toString());

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith(rules + "/risks.drl:" + line + ":1: rule Z-11 (\"Feeds itself\") fired ")
                .contains("did not settle within engine.maxFirings = 5000 firings");
    }

    @Test
    void whenTwoRulesKeepAnsweringEachOther_thenTheRuleBaseNeverSettlesAndExitThree(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        RuleDirs.append(rules, "risks.drl", """
                rule "Ping"
                    @id("Z-13") @source("x") @reason("y")
                    agenda-group "classify"
                when
                    $f : Finding( topic == "pong" )
                then
                    insert(new Finding("ping", $f.getVerdict() + "."));
                end

                rule "Pong"
                    @id("Z-14") @source("x") @reason("y")
                    agenda-group "classify"
                when
                    $f : Finding( topic == "ping" )
                then
                    insert(new Finding("pong", $f.getVerdict() + "."));
                end

                rule "Serve"
                    @id("Z-15") @source("x") @reason("y")
                    agenda-group "classify"
                when
                    Data()
                then
                    insert(new Finding("ping", "."));
                end
                """);

        Cli result = Cli.run("decide", SCENARIO, "--rules", rules.toString());

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).containsPattern("rule Z-1[34] \\(\"P[io]ng\"\\) fired \\d+ times");
    }
}
