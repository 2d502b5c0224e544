package dev.ladder.cache;

import dev.ladder.Fixtures;
import dev.ladder.RuleDirs;
import dev.ladder.engine.Decider;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;
import dev.ladder.report.DecisionJson;
import dev.ladder.rulebase.Parameters;
import dev.ladder.rulebase.RuleBase;
import dev.ladder.rulebase.RuleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RuleCacheTest {

    private static Path entry(Path cache) throws Exception {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bin")).findFirst().orElseThrow();
        }
    }

    private static String decide(RuleBase rules) throws Exception {
        Scenario scenario = ScenarioReader.read(Fixtures.FACTS.resolve("seed000-hospital-terminology.yaml"));
        return DecisionJson.pretty(new Decider(rules).decide(scenario, "s").withDecidedAt("T").withDecisionId("D"));
    }

    @Test
    void whenTheRuleBaseIsUnchanged_thenTheSecondLoadRestoresItAndDecidesTheSame(@TempDir Path dir) throws Exception {
        RuleCache cache = RuleCache.in(dir);

        RuleBase compiled = RuleBases.load(RuleFiles.read(Fixtures.RULES), cache);
        RuleBase restored = RuleBases.load(RuleFiles.read(Fixtures.RULES), cache);

        assertThat(compiled.restored()).isFalse();
        assertThat(restored.restored()).isTrue();
        assertThat(decide(restored)).isEqualTo(decide(compiled));
        assertThat(restored.sources()).hasSameSizeAs(compiled.sources());
    }

    @Test
    void whenARuleIsEdited_thenTheCacheIsNotUsed(@TempDir Path dir) throws Exception {
        RuleCache cache = RuleCache.in(dir.resolve("cache"));
        Path rules = RuleDirs.copy(dir);
        RuleBases.load(RuleFiles.read(rules), cache);
        Files.writeString(rules.resolve("data.drl"), Files.readString(rules.resolve("data.drl")) + "\n// edited\n");

        assertThat(RuleBases.load(RuleFiles.read(rules), cache).restored()).isFalse();
    }

    @Test
    void whenOnlyAParameterIsEdited_thenTheCompiledRulesAreReusedWithTheNewValue(@TempDir Path dir) throws Exception {
        RuleCache cache = RuleCache.in(dir.resolve("cache"));
        Path rules = RuleDirs.copy(dir);
        RuleBase before = RuleBases.load(RuleFiles.read(rules), cache);
        Path parameters = rules.resolve(Parameters.FILE);
        Files.writeString(parameters, Files.readString(parameters)
                .replace("rag.retrievedTokensPerRequest:\n  value: 2000", "rag.retrievedTokensPerRequest:\n  value: 2500"));

        RuleBase after = RuleBases.load(RuleFiles.read(rules), cache);
        RuleBase again = RuleBases.load(RuleFiles.read(rules), cache);

        assertThat(after.restored()).isTrue();
        assertThat(before.parameters().get("rag.retrievedTokensPerRequest").getValue()).isEqualTo(2000);
        assertThat(after.parameters().get("rag.retrievedTokensPerRequest").getValue()).isEqualTo(2500);
        assertThat(again.parameters().get("rag.retrievedTokensPerRequest").getValue()).isEqualTo(2500);
        assertThat(after.files().sha256()).isNotEqualTo(before.files().sha256());
    }

    @Test
    void whenAProcessLoadsARuleSetAgain_thenItReusesTheOneInMemoryAndOnlyNewParameters(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        RuleBase first = RuleBases.load(RuleFiles.read(rules));
        RuleBase same = RuleBases.load(RuleFiles.read(rules));
        Path parameters = rules.resolve(Parameters.FILE);
        Files.writeString(parameters, Files.readString(parameters)
                .replace("rag.retrievedTokensPerRequest:\n  value: 2000", "rag.retrievedTokensPerRequest:\n  value: 2500"));
        RuleBase edited = RuleBases.load(RuleFiles.read(rules));

        assertThat(same).isSameAs(first);
        assertThat(edited.kieBase()).isSameAs(first.kieBase());
        assertThat(edited.sessions()).isSameAs(first.sessions());
        assertThat(edited.parameters().get("rag.retrievedTokensPerRequest").getValue()).isEqualTo(2500);
        assertThat(decide(edited)).isNotEqualTo(decide(first));
    }

    @Test
    void whenAProcessCompilesAnEditedFile_thenOnlyThatFileChangesAndARemovedRuleIsGone(@TempDir Path dir) throws Exception {
        Path rules = RuleDirs.copy(dir);
        RuleBase before = RuleBases.load(RuleFiles.read(rules), null);
        Path escalation = rules.resolve("escalation.drl");
        String drl = Files.readString(escalation);
        String removed = "An attempt that fell short with no technique named exhausts its rung";
        int start = drl.indexOf("rule \"" + removed + "\"");
        Files.writeString(escalation, drl.substring(0, start) + drl.substring(drl.indexOf("\nend\n", start) + 5));

        RuleBase after = RuleBases.load(RuleFiles.read(rules), null);
        RuleBase again = RuleBases.load(RuleFiles.read(rules), null);

        assertThat(before.kieBase().getRule("ladder.rules", removed)).isNotNull();
        assertThat(after.kieBase().getRule("ladder.rules", removed)).isNull();
        assertThat(again.kieBase().getRule("ladder.rules", removed)).isNull();
        assertThat(after.rules()).doesNotContainKey(removed).hasSize(before.rules().size() - 1);
        assertThat(after.kieBase().getKiePackage("ladder.rules").getRules()).hasSize(before.rules().size() - 1);
        assertThat(before.kieBase().getKiePackage("ladder.rules").getRules()).hasSize(before.rules().size());
        assertThat(decide(after)).isEqualTo(decide(RuleBases.load(RuleFiles.read(rules), RuleCache.in(dir.resolve("c")))));
    }

    @Test
    void whenTheCacheEntryIsCorrupt_thenItIsIgnoredAndRebuilt(@TempDir Path dir) throws Exception {
        RuleCache cache = RuleCache.in(dir);
        RuleBases.load(RuleFiles.read(Fixtures.RULES), cache);
        Path entry = entry(dir);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(entry, bytes);

        RuleBase afterCorruption = RuleBases.load(RuleFiles.read(Fixtures.RULES), cache);
        RuleBase afterRebuild = RuleBases.load(RuleFiles.read(Fixtures.RULES), cache);

        assertThat(afterCorruption.restored()).isFalse();
        assertThat(afterRebuild.restored()).isTrue();
    }

    @Test
    void whenTheEntryWasSignedWithAnotherKey_thenItIsNeverDeserialised(@TempDir Path dir) throws Exception {
        RuleCache cache = RuleCache.in(dir);
        RuleBases.load(RuleFiles.read(Fixtures.RULES), cache);
        Files.write(dir.resolve("key"), new byte[32]);

        assertThat(RuleBases.load(RuleFiles.read(Fixtures.RULES), cache).restored()).isFalse();
    }

    @Test
    void whenTheEntryIsTruncated_thenItIsIgnored(@TempDir Path dir) throws Exception {
        RuleCache cache = RuleCache.in(dir);
        RuleBases.load(RuleFiles.read(Fixtures.RULES), cache);
        Path entry = entry(dir);
        Files.write(entry, java.util.Arrays.copyOf(Files.readAllBytes(entry), 40));

        assertThat(RuleBases.load(RuleFiles.read(Fixtures.RULES), cache).restored()).isFalse();
    }

    @Test
    void whenManyRuleSetsAreCompiled_thenOnlyTheMostRecentEntriesAreKept(@TempDir Path dir) throws Exception {
        RuleCache cache = RuleCache.in(dir.resolve("cache"));
        Path rules = RuleDirs.copy(dir);
        String original = Files.readString(rules.resolve("data.drl"));
        for (int i = 0; i < RuleCache.KEEP + 3; i++) {
            Files.writeString(rules.resolve("data.drl"), original + "\n// edit " + i + "\n");
            RuleBases.load(RuleFiles.read(rules), cache);
        }

        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".bin")).count()).isEqualTo(RuleCache.KEEP);
        }
        assertThat(RuleBases.load(RuleFiles.read(rules), cache).restored()).isTrue();
    }

    @Test
    void whenTheKeyCanBeReadByOthers_thenTheCacheIsNotTrusted(@TempDir Path dir) throws Exception {
        RuleCache cache = RuleCache.in(dir);
        RuleBases.load(RuleFiles.read(Fixtures.RULES), cache);
        Files.setPosixFilePermissions(dir.resolve("key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThat(RuleBases.load(RuleFiles.read(Fixtures.RULES), cache).restored()).isFalse();
    }
}
