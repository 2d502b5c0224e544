package dev.ladder.cli;

import dev.ladder.RuleDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {

    @Test
    void whenTheProjectRuleBaseIsChecked_thenItIsClean() {
        Cli result = Cli.run("check");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("rule base OK: ");
    }

    @Test
    void whenARuleHasASyntaxError_thenItsOwnFileAndLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        int start = RuleDirs.append(rules, "data.drl", """
                rule "Broken"
                    @id("Z-01") @source("x") @reason("y")
                    agenda-group "classify"
                when
                    Data( labelledExamples > )
                then
                end
                """);

        Cli result = Cli.run("check", "--rules", rules.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).startsWith(rules + "/data.drl:" + (start + 4) + ":");
    }

    @Test
    void whenAConsequenceDoesNotCompile_thenTheErrorPointsAtTheStatement(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        int start = RuleDirs.append(rules, "risks.drl", """
                rule "Bad consequence"
                    @id("Z-02") @source("x") @reason("y")
                    agenda-group "recommend"
                when
                    Data()
                then
                    insert(new Warning("X", Level.HIGHEST));
                end
                """);

        Cli result = Cli.run("check", "--rules", rules.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains(rules + "/risks.drl:" + (start + 6) + ":35: Rule Compilation error HIGHEST");
    }

    @Test
    void whenTwoFilesDefineTheSameRuleName_thenTheSecondIsLocatedAndExitTwo(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        int start = RuleDirs.append(rules, "style.drl", """
                rule "Every task starts as a few-shot prompt"
                    @id("Z-03") @source("x") @reason("y")
                when
                    Data()
                then
                end
                """);

        Cli result = Cli.run("check", "--rules", rules.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains(rules + "/style.drl:" + start + ":1: rule \"Every task starts as a few-shot prompt\""
                + " is already defined at " + rules + "/escalation.drl:" + lineOf(rules.resolve("escalation.drl"),
                "rule \"Every task starts as a few-shot prompt\"") + " (rule names must be unique)");
    }

    @Test
    void whenAFileCallsAFunctionAnotherFileDeclares_thenItCompilesAsOneRuleBase(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        RuleDirs.append(rules, "style.drl", """
                rule "Uses a function of decision.drl"
                    @id("Z-04") @source("x") @reason("y")
                    agenda-group "report"
                when
                    Data(labelledExamples != null, labelledExamples < 0)
                then
                    String label = describe(Approach.RAG);
                end
                """);

        Cli result = Cli.run("decide", "--rules", rules.toString(), "facts/seed003-q2-drug-interactions.json");

        assertThat(result.err()).isEmpty();
        assertThat(result.exit()).isZero();
    }

    @Test
    void whenAFileUsesAnImportOfAnotherFile_thenItCompilesAsOneRuleBase(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        RuleDirs.append(rules, "data.drl", "import java.util.ArrayList;\n");
        RuleDirs.append(rules, "style.drl", """
                rule "Uses an import of data.drl"
                    @id("Z-05") @source("x") @reason("y")
                    agenda-group "report"
                when
                    Data(labelledExamples != null, labelledExamples < 0)
                then
                    ArrayList<String> none = new ArrayList<>();
                end
                """);

        Cli result = Cli.run("decide", "--rules", rules.toString(), "facts/seed003-q2-drug-interactions.json");

        assertThat(result.err()).isEmpty();
        assertThat(result.exit()).isZero();
    }

    @Test
    void whenTwoFilesDeclareTheSameFunction_thenTheRuleBaseDoesNotCompile(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        RuleDirs.append(rules, "data.drl", "function int sameName() { return 1; }\n");
        RuleDirs.append(rules, "style.drl", "function int sameName() { return 2; }\n");

        Cli result = Cli.run("check", "--rules", rules.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("sameName");
    }

    @Test
    void whenRulesBreakTheHouseRules_thenEachFindingIsLocatedAndExitOne(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        int start = RuleDirs.append(rules, "data.drl", """
                rule "Lint bait"
                    @id("D-01")
                    @reason("{$nope} and {no.such.param}, as {$gone.reason}")
                    agenda-group "classfy"
                when
                    Data( labelledExamples > 250 )
                    Param( name == "examples.typo", $v : value )
                then
                end

                rule "Needs a later conclusion"
                    @id("Z-06") @source("x") @reason("y")
                    agenda-group "frame"
                when
                    Recommendation()
                then
                end

                rule "Needs an impossible scenario"
                    @id("Z-07") @source("x") @reason("y")
                    agenda-group "classify"
                when
                    Usage( requestsPerDay < 0 )
                    Evaluation( taskScoreAfter > 1 )
                then
                end

                rule "Advises while explaining"
                    @id("Z-09") @source("x") @reason("y")
                    agenda-group "report"
                when
                    Recommendation()
                then
                    insert(new Advice(Technique.LORA));
                end
                """);
        Files.writeString(rules.resolve("parameters.yaml"), Files.readString(rules.resolve("parameters.yaml"))
                + "\nunused.param:\n  value: 3\n  unit: x\n  source: y\n");

        Cli result = Cli.run("check", "--rules", rules.toString());

        String file = rules + "/data.drl:";
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains(
                file + start + ":1: @id \"D-01\" is already used at " + rules + "/data.drl:6",
                file + start + ":1: rule \"Lint bait\" has no @source",
                file + start + ":1: @reason placeholder {$nope} names no variable bound",
                file + start + ":1: @reason placeholder {$gone.reason} names no variable bound",
                file + start + ":1: @reason placeholder {no.such.param} names no parameter and no scenario fact",
                file + start + ":1: rule \"Lint bait\" is in agenda-group \"classfy\", which never runs",
                file + (start + 5) + ":1: literal 250 in a condition",
                file + (start + 6) + ":1: no parameter named \"examples.typo\"",
                "can never fire: it needs a Recommendation, which rules conclude only in the later phase(s) recommend",
                "can never fire: it needs usage.requestsPerDay < 0, but the scenario format allows only an integer >= 0",
                "can never fire: it needs evaluation.taskScoreAfter > 1, but the scenario format allows only a number in [0, 1]",
                "rule \"Advises while explaining\" concludes Advice in the report phase, which explains a decision"
                        + " already made and is not run when a scenario is decided again",
                "parameters.yaml:", "unused.param: no rule uses this parameter");
    }

    @Test
    void whenARuleReachesOutsideTheDecision_thenItIsRefusedByCheckAndByDecide(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        int start = RuleDirs.append(rules, "data.drl", """
                rule "Danger"
                    @id("Z-08") @source("mentions System.exit harmlessly") @reason("y")
                    agenda-group "classify"
                when
                    Data()
                then
                    System.exit(1); // a System in a comment is fine
                    java.nio.file.Files.delete(java.nio.file.Path.of("x"));
                    new Thread(() -> {}).start();
                    new java.util.logging.FileHandler("/tmp/x-%u.log").close();
                    java.util.List<String> allowed = new java.util.ArrayList<>();
                end
                """);

        Cli check = Cli.run("check", "--rules", rules.toString());
        Cli decide = Cli.run("decide", "facts/seed004-calendar-json.yaml", "--rules", rules.toString());

        String file = rules + "/data.drl:";
        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err()).contains(
                file + (start + 6) + ":12: rule \"Danger\" refused: java.lang.System.exit is outside what rules may use",
                file + (start + 7) + ":25: rule \"Danger\" refused: java.nio.file.Files.delete is outside",
                file + (start + 8) + ":9: rule \"Danger\" refused: java.lang.Thread (a constructor) is outside",
                file + (start + 9) + ":27: rule \"Danger\" refused: java.util.logging.FileHandler (a constructor) is outside")
                .doesNotContain(":" + (start + 10) + ":")
                .doesNotContain(":" + (start + 1) + ":");
        assertThat(decide.exit()).isEqualTo(2);
        assertThat(decide.out()).isEmpty();
    }

    @Test
    void whenTheParametersFileIsWrong_thenEachProblemIsLocated(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        Path parameters = rules.resolve("parameters.yaml");
        String text = Files.readString(parameters);
        Files.writeString(parameters, text.replaceFirst("(?m)^  value: 10$", "  value: ten"));

        Cli wrongType = Cli.run("check", "--rules", rules.toString());

        Files.writeString(parameters, text + "\nbad name:\n  value: 1\n  unit: x\n  source: y\nx.y:\n  value: 1\n");
        int badLine = text.split("\n", -1).length + 1;
        Cli badEntries = Cli.run("check", "--rules", rules.toString());

        assertThat(wrongType.exit()).isEqualTo(2);
        assertThat(wrongType.err().strip()).isEqualTo(parameters
                + ":7:10: examples.platformMinimum.value: 'ten' is a string (expected a number)");
        assertThat(badEntries.exit()).isEqualTo(2);
        assertThat(badEntries.err()).contains(parameters + ":" + badLine + ":1: bad name: not a parameter name",
                parameters + ":" + (badLine + 4) + ":1: x.y: incomplete (expected value, unit and source)");
    }

    private static int lineOf(Path file, String text) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
