package dev.ladder.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.govern.DecisionLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The PostgreSQL decision store, against a real PostgreSQL server: {@code .ci/postgres} starts one
 * and prints its URL, which the tests read from {@code LADDER_TEST_POSTGRES}. Where the build
 * requires it ({@code LADDER_REQUIRE_POSTGRES=1}, as CI does), a missing server fails the build.
 */
class PostgresStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String server;

    @BeforeAll
    static void server() {
        server = System.getenv("LADDER_TEST_POSTGRES");
        if ("1".equals(System.getenv("LADDER_REQUIRE_POSTGRES"))) {
            assertThat(server).as("LADDER_TEST_POSTGRES must name the test database (run .ci/postgres)").isNotBlank();
        }
        assumeTrue(server != null && !server.isBlank(), "no PostgreSQL server: set LADDER_TEST_POSTGRES (see .ci/postgres)");
    }

    /** A schema of its own for one test, so tests never share a chain. */
    private static String freshStore() throws Exception {
        String schema = "t" + Long.toHexString(System.nanoTime());
        try (Connection connection = DriverManager.getConnection(server); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Test
    void twoReplicasShareOneChainThatNeverForks() throws Exception {
        String store = freshStore();
        DecisionService.RuleSourceSettings rules = new DecisionService.RuleSourceSettings(Path.of("rules"), 0);
        try (DecisionService first = DecisionService.start(new DecisionService.Settings("127.0.0.1", 0, rules, store, null), l -> { });
             DecisionService second = DecisionService.start(new DecisionService.Settings("127.0.0.1", 0, rules, store, null), l -> { })) {
            byte[] scenario = Files.readAllBytes(Path.of("facts/seed003-q2-drug-interactions.json"));
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                DecisionService replica = i % 2 == 0 ? first : second;
                calls.add(clients.submit(() -> DecisionServiceTest.send(replica, "POST", "/v1/decisions", "application/json", scenario)));
            }
            Set<String> ids = new HashSet<>();
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                ids.add(JSON.readTree(response.body()).path("decisionId").asText());
            }
            clients.shutdown();

            String one = ids.iterator().next();
            HttpResponse<String> seenByTheOther = DecisionServiceTest.send(second, "GET", "/v1/decisions/" + one, null, null);
            assertThat(seenByTheOther.statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(DecisionServiceTest.send(first, "GET", "/v1/decisions?limit=500", null, null).body());
            assertThat(page.path("items")).hasSize(40);
            JsonNode newest = JSON.readTree(DecisionServiceTest.send(second, "GET", "/v1/decisions?limit=10&approach=RAG", null, null).body());
            JsonNode next = JSON.readTree(DecisionServiceTest.send(second, "GET", newest.path("next").asText(), null, null).body());
            assertThat(newest.path("items")).hasSize(10);
            assertThat(newest.path("items").get(0).path("seq").asLong()).isEqualTo(40);
            assertThat(next.path("items").get(0).path("seq").asLong()).isEqualTo(30);
            assertThat(JSON.readTree(DecisionServiceTest.send(first, "GET", "/v1/decisions?approach=PROMPTING", null, null)
                    .body()).path("items")).isEmpty();
            assertThat(JSON.readTree(DecisionServiceTest.send(first, "GET", "/v1/decisions?since=2999-01-01", null, null)
                    .body()).path("items")).isEmpty();
        }
        DecisionLog log = DecisionLog.at(store);
        DecisionLog.Verification verification = log.verify();
        assertThat(verification.intact()).as(verification.problem().orElse("")).isTrue();
        assertThat(verification.verifiedEntries()).isEqualTo(40);
    }

    @Test
    void theCommandLineVerifiesTheStoreAgainstACheckpointAndSeesAnEdit() throws Exception {
        String store = freshStore();
        dev.ladder.cli.CliProbe.Result decided = dev.ladder.cli.CliProbe.run("decide", "facts/seed003-q2-drug-interactions.json",
                "facts/seed004-error-summarizer-10k.yaml", "--log", store);
        assertThat(decided.exit()).as(decided.err()).isZero();
        Path checkpoint = Files.createTempFile("checkpoint", ".json");
        dev.ladder.cli.CliProbe.Result head = dev.ladder.cli.CliProbe.run("log", "head", store);
        Files.writeString(checkpoint, head.out());

        assertThat(dev.ladder.cli.CliProbe.run("log", "verify", store, "--checkpoint", checkpoint.toString()).exit()).isZero();
        assertThat(head.out()).doesNotContain("password=ladder");

        try (Connection connection = DriverManager.getConnection(store); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE decision_log SET line = replace(line, '\"RAG\"', '\"PROMPTING\"') WHERE seq = 1");
        }
        dev.ladder.cli.CliProbe.Result tampered = dev.ladder.cli.CliProbe.run("log", "verify", store, "--checkpoint",
                checkpoint.toString());
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.out() + tampered.err()).contains("was edited").doesNotContain("password=ladder");

        try (Connection connection = DriverManager.getConnection(store); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM decision_log WHERE seq = 2");
        }
        assertThat(dev.ladder.cli.CliProbe.run("decide", "facts/seed003-q2-drug-interactions.json", "--log", store).exit())
                .as("an edited last entry refuses appends").isEqualTo(5);
    }
}
