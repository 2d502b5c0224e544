package dev.ladder.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.ladder.govern.DecisionLog;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision service, started for real on a free port and called over HTTP. */
class DecisionServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static Path rules;
    private static Path log;
    private static DecisionService service;
    private static final List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        rules = Files.createDirectory(dir.resolve("rules"));
        try (var files = Files.list(Path.of("rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        log = dir.resolve("log.jsonl");
        service = DecisionService.start(new DecisionService.Settings("127.0.0.1", 0,
                new DecisionService.RuleSourceSettings(rules, 100), log.toString(), null), said::add);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static HttpResponse<String> send(DecisionService to, String method, String path, String contentType, byte[] body,
                                     String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(service, "GET", path, null, null);
    }

    private static HttpResponse<String> post(Path scenario) throws IOException, InterruptedException {
        return send(service, "POST", "/v1/decisions", scenario.toString().endsWith(".json") ? "application/json"
                : "application/yaml", Files.readAllBytes(scenario));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void aScenarioIsDecidedLoggedAndFoundAgain() throws Exception {
        HttpResponse<String> created = post(Path.of("facts/seed003-q2-drug-interactions.json"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode record = json(created);
        assertThat(record.path("recommendation").path("approach").asText()).isEqualTo("RAG");
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/decisions/" + record.path("decisionId").asText());
        HttpResponse<String> found = get(created.headers().firstValue("Location").orElseThrow());
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).as("the logged record, byte for byte").isEqualTo(created.body());
        assertThat(new DecisionLog(log).find(record.path("decisionId").asText())).isPresent();
        assertThat(validate("Decision", record)).isEmpty();
    }

    @Test
    void theFiguresRestingOnUnknownFactsAreServedApartAndOnTheReviewPage() throws Exception {
        HttpResponse<String> created = post(Path.of("facts/token-counts-unknown.yaml"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode record = json(created);
        assertThat(validate("Decision", record)).isEmpty();
        List<String> figures = new java.util.ArrayList<>();
        record.path("unknownFigures").forEach(u -> figures.add(u.path("fact").asText()));
        List<String> missing = new java.util.ArrayList<>();
        record.path("missingFacts").forEach(m -> missing.add(m.path("fact").asText()));
        assertThat(figures).contains("usage.inputTokensPerRequest", "usage.outputTokensPerRequest")
                .noneMatch(missing::contains);
        HttpResponse<String> page = get("/review/decisions/" + record.path("decisionId").asText());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h2>Figures resting on unknown facts</h2>")
                .contains("<code>usage.inputTokensPerRequest</code>");
    }

    @Test
    void theDecisiveWhyNotIsServedAndOnTheReviewPage() throws Exception {
        HttpResponse<String> created = post(Path.of("facts/latency-met-by-shorter-outputs.yaml"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode fineTuning = null;
        for (JsonNode w : json(created).path("whyNot")) {
            fineTuning = w.path("approach").asText().equals("FINE_TUNING") ? w : fineTuning;
        }
        assertThat(fineTuning).isNotNull();
        assertThat(fineTuning.path("rules").get(0).asText()).isEqualTo("W-01");
        assertThat(fineTuning.path("rules").get(1).asText()).isEqualTo("C-01");
        String reason = fineTuning.path("reason").asText();
        assertThat(reason).contains("the model is closed-api");
        HttpResponse<String> page = get("/review/decisions/" + json(created).path("decisionId").asText());
        assertThat(page.body()).contains(dev.ladder.report.HtmlReport.esc(reason));
    }

    @Test
    void yamlIsAcceptedAsTheCommandLineAcceptsIt() throws Exception {
        HttpResponse<String> created = post(Path.of("facts/seed004-error-summarizer-10k.yaml"));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).path("scenario").asText()).isEqualTo("seed004-error-summarizer-10k");
    }

    @Test
    void badInputIsA400WithTheSameLocatedProblemsAsTheCommandLine() throws Exception {
        byte[] body = "{\n  \"id\": \"x\",\n  \"usage\": {\"requestsPerDay\": -5}\n}".getBytes();
        HttpResponse<String> refused = send(service, "POST", "/v1/decisions", "application/json", body);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(refused);
        assertThat(validate("Problem", problem)).isEmpty();
        assertThat(problem.path("problems").get(0).path("text").asText())
                .isEqualTo("request.json:3:31: usage.requestsPerDay: -5 is negative (expected an integer >= 0)");
        assertThat(refused.body()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void noBodyAClientCanSendIsA500() throws Exception {
        List<byte[]> bodies = new ArrayList<>(Arbitraries.bytes().array(byte[].class).ofMaxSize(200).sampleStream().limit(40).toList());
        bodies.add("{\"id\": \"x\", \"attempts\": [".repeat(1).getBytes());
        bodies.add("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".repeat(2000).getBytes());
        bodies.add("id: x\nusage: !!java.io.File /etc\n".getBytes());
        bodies.add(new byte[0]);
        for (byte[] body : bodies) {
            for (String type : new String[] {"application/json", "application/yaml", "text/html", null}) {
                HttpResponse<String> response = send(service, "POST", "/v1/decisions", type, body);
                assertThat(response.statusCode()).as(new String(body)).isIn(400, 413, 415);
                assertThat(validate("Problem", json(response))).isEmpty();
            }
        }
        assertThat(send(service, "POST", "/v1/decisions", "application/json", new byte[(int) DecisionService.MAX_BODY_BYTES + 1])
                .statusCode()).isEqualTo(413);
        assertThat(send(service, "POST", "/v1/decisions", "application/json; charset=utf-16", "{}".getBytes()).statusCode())
                .isEqualTo(415);
        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                        + "/v1/decisions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        new byte[(int) DecisionService.MAX_BODY_BYTES + 10]))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as("a chunked body over the limit, as one with a length").isEqualTo(413);
        // what the HTTP server refuses before the service sees it is a problem document too
        for (HttpResponse<String> refused : List.of(get("/v1/decisions/%00"), get("/v1/decisions/" + "a".repeat(100_000)),
                send(service, "GET", "/health/live", null, null, "X-Big", "a".repeat(20_000)))) {
            assertThat(refused.statusCode()).isIn(400, 414, 431);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(validate("Problem", json(refused))).isEmpty();
        }
    }

    @Test
    void decisionsAreListedNewestFirstAndPaged() throws Exception {
        for (int i = 0; i < 3; i++) {
            post(Path.of("facts/seed003-q2-drug-interactions.json"));
        }
        JsonNode first = json(get("/v1/decisions?scenario=seed003-q2-drug-interactions&limit=2"));
        JsonNode second = json(get(first.path("next").asText()));

        assertThat(validate("DecisionPage", first)).isEmpty();
        assertThat(first.path("items")).hasSize(2);
        long newest = first.path("items").get(0).path("seq").asLong();
        assertThat(first.path("items").get(1).path("seq").asLong()).isLessThan(newest);
        assertThat(second.path("items").get(0).path("seq").asLong()).isLessThan(first.path("items").get(1).path("seq").asLong());
        assertThat(json(get("/v1/decisions?approach=FINE_TUNING&since=2000-01-01")).path("items")).isEmpty();
        HttpResponse<String> bad = get("/v1/decisions?limit=0");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("problems").get(0).path("field").asText()).isEqualTo("limit");
        assertThat(get("/v1/decisions?approach=CHEAPEST").statusCode()).isEqualTo(400);
        assertThat(json(get("/v1/decisions?approach=rag&scenario=seed003-q2-drug-interactions")).path("items"))
                .as("approaches as scenarios spell them").isNotEmpty();
        HttpResponse<String> repeated = get("/v1/decisions?limit=1&limit=2");
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(json(repeated).path("problems").get(0).path("message").asText()).contains("expected one value");
        assertThat(get("/v1/decisions?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/v1/decisions/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
    }

    @Test
    void concurrentClientsLoseAndDuplicateNoEntryAndTheChainVerifies() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            Path scenario = Path.of(i % 2 == 0 ? "facts/seed003-q2-drug-interactions.json" : "facts/seed004-error-summarizer-10k.yaml");
            calls.add(clients.submit(() -> post(scenario)));
        }
        Set<String> ids = new HashSet<>();
        for (Future<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            assertThat(response.statusCode()).isEqualTo(201);
            ids.add(json(response).path("decisionId").asText());
        }
        clients.shutdown();

        assertThat(ids).hasSize(48);
        DecisionLog.Verification verification = new DecisionLog(log).verify();
        assertThat(verification.intact()).as(verification.problem().orElse("")).isTrue();
        Set<String> logged = new HashSet<>();
        new DecisionLog(log).each(entry -> logged.add(entry.path("decisionId").asText()));
        assertThat(logged).containsAll(ids);
    }

    @Test
    void editedRulesAreReloadedAndABrokenRuleBaseIsNotLoaded() throws Exception {
        String before = json(get("/v1/ruleset")).path("sha256").asText();
        Path broken = rules.resolve("zz-broken.drl");
        // written elsewhere and moved in, so the watcher never sees half a file
        Path draft = dir.resolve("zz-broken.draft");
        Files.writeString(draft, "package ladder.rules;\nimport dev.ladder.model.*;\nrule \"broken\" @id(Z-09)\nwhen\n"
                + "  Usage( requestsPerDai > 1 )\nthen\nend\n");
        Files.move(draft, broken, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        JsonNode failed = awaitRuleset(r -> !r.path("lastFailedReload").isNull());

        assertThat(failed.path("sha256").asText()).as("the last good rule base keeps serving").isEqualTo(before);
        assertThat(validate("Ruleset", failed)).isEmpty();
        assertThat(failed.path("lastFailedReload").path("problems").get(0).path("file").asText()).contains("zz-broken.drl");
        assertThat(post(Path.of("facts/seed003-q2-drug-interactions.json")).statusCode()).isEqualTo(201);
        assertThat(said).anyMatch(line -> line.contains("were not reloaded"));
        assertThat(said.stream().filter(line -> line.contains("were not reloaded"))).as("told once, not at every look")
                .hasSize(1);

        Files.delete(broken);
        JsonNode restored = awaitRuleset(r -> r.path("lastFailedReload").isNull());
        assertThat(restored.path("sha256").asText()).isEqualTo(before);

        // rules that pass the checks but fail on the packaged example do not take over
        Files.writeString(draft, "package ladder.rules;\nimport dev.ladder.model.*;\n"
                + Files.readString(Path.of("src/test/resources/hostile-rules/loops-forever.drl")));
        Files.move(draft, broken, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        JsonNode refused = awaitRuleset(r -> !r.path("lastFailedReload").isNull());
        assertThat(refused.path("sha256").asText()).isEqualTo(before);
        assertThat(refused.path("lastFailedReload").path("problems").toString()).contains("Z-01");
        assertThat(post(Path.of("facts/seed003-q2-drug-interactions.json")).statusCode()).isEqualTo(201);

        // rules that fail on one scenario only are loaded; that scenario is a 422 naming the rule
        Files.writeString(draft, """
                package ladder.rules;
                import dev.ladder.model.*;
                rule "Loops on one volume"
                    @id("Z-02") @source("test") @reason("test") agenda-group "frame"
                when
                    Usage( requestsPerDay == 4242 )
                then
                    long spins = 0;
                    while (true) { spins++; }
                end
                """);
        Files.move(draft, broken, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        JsonNode reloaded = awaitRuleset(r -> !r.path("sha256").asText().equals(before) && r.path("lastFailedReload").isNull());
        HttpResponse<String> fault = send(service, "POST", "/v1/decisions", "application/json",
                "{\"id\": \"volume\", \"usage\": {\"requestsPerDay\": 4242}}".getBytes());

        assertThat(reloaded.path("lastFailedReload").isNull()).isTrue();
        assertThat(post(Path.of("facts/seed003-q2-drug-interactions.json")).statusCode()).isEqualTo(201);
        assertThat(fault.statusCode()).isEqualTo(422);
        assertThat(json(fault).path("problems").toString()).contains("Z-02");
        assertThat(get("/metrics").body()).contains("ladder_rule_faults_total 1.0")
                .contains("ladder_reloads_total{outcome=\"failed\"}").contains("ladder_reloads_total{outcome=\"loaded\"}");

        Files.delete(broken);
        awaitRuleset(r -> r.path("sha256").asText().equals(before));
        assertThat(post(Path.of("facts/seed003-q2-drug-interactions.json")).statusCode()).isEqualTo(201);
    }

    private static JsonNode awaitRuleset(java.util.function.Predicate<JsonNode> condition) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonNode ruleset = json(get("/v1/ruleset"));
            if (condition.test(ruleset)) {
                return ruleset;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the ruleset never changed as expected: " + get("/v1/ruleset").body());
    }

    @Test
    void metricsCountDecisionsByApproachAndHealthIsUp() throws Exception {
        post(Path.of("facts/seed003-q2-drug-interactions.json"));
        String metrics = get("/metrics").body();

        assertThat(metrics).contains("ladder_decisions_total{approach=\"RAG\"}").contains("ladder_decision_latency_seconds_bucket");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(validate("Health", json(get("/health/ready")))).isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteTheServerServes() throws Exception {
        JsonNode api = json(get("/v1/openapi.json"));
        Set<String> documented = new TreeSet<>();
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey().replaceAll("\\{(\\w+)}", "{$1}"))));
        Set<String> served = new TreeSet<>();
        for (String route : service.routes()) {
            if (!route.startsWith("BEFORE")) {
                served.add(route);
            }
        }

        assertThat(api.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(served).isEqualTo(documented);
        JsonNode schema = json(get("/v1/schema/scenario.json"));
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema).isEqualTo(JSON.readTree(Path.of("schema/scenario.schema.json").toFile()));
        assertThat(get("/v1/nothing").statusCode()).isEqualTo(404);
        assertThat(send(service, "DELETE", "/v1/ruleset", null, null).statusCode()).isEqualTo(405);
    }

    @Test
    void withATokenOnlyItsHolderIsServed(@TempDir Path elsewhere) throws Exception {
        String token = "s3cret-token-0123456789";
        try (DecisionService guarded = DecisionService.start(new DecisionService.Settings("127.0.0.1", 0,
                new DecisionService.RuleSourceSettings(rules, 0), elsewhere.resolve("log.jsonl").toString(), token), line -> { })) {
            byte[] scenario = Files.readAllBytes(Path.of("facts/seed003-q2-drug-interactions.json"));

            assertThat(send(guarded, "POST", "/v1/decisions", "application/json", scenario).statusCode()).isEqualTo(401);
            assertThat(send(guarded, "POST", "/v1/decisions", "application/json", scenario, "Authorization", "Bearer wrong")
                    .statusCode()).isEqualTo(401);
            assertThat(send(guarded, "POST", "/v1/decisions", "application/json", scenario, "Authorization", "Bearer " + token)
                    .statusCode()).isEqualTo(201);
            assertThat(send(guarded, "GET", "/health/live", null, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void auditorsReviewTheDecisionsOneDecisionAndTheChainInABrowser(@TempDir Path shots) throws Exception {
        HttpResponse<String> created = post(Path.of("facts/seed003-q2-drug-interactions.json"));
        String id = json(created).path("decisionId").asText();

        HttpResponse<String> list = get("/review?approach=RAG");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).startsWith("default-src 'none'"));
        assertThat(list.body()).contains("/review/decisions/" + id).doesNotContain("<script");
        HttpResponse<String> one = get("/review/decisions/" + id);
        assertThat(one.body()).contains("Why not the others").contains("Deciding path").contains("FINE_TUNING").doesNotContain("<script");
        HttpResponse<String> chain = get("/review/chain");
        assertThat(chain.body()).contains("id=\"status\" class=\"ok\">intact");
        assertThat(get("/review/decisions/" + "0".repeat(8) + "-0000-0000-0000-" + "0".repeat(12)).statusCode()).isEqualTo(404);

        // as a browser renders them: the DOM Chromium builds, and a screenshot that is not blank
        dev.ladder.report.Chromium chromium = dev.ladder.report.Chromium.in(shots);
        String base = "http://127.0.0.1:" + service.port();
        assertThat(chromium.dom(base + "/review?approach=RAG", 1280)).contains("seed003-q2-drug-interactions")
                .contains("<form");
        assertThat(chromium.dom(base + "/review/decisions/" + id, 1280)).contains("Why not the others");
        assertThat(chromium.dom(base + "/review/chain", 1280)).contains("intact");
        java.awt.image.BufferedImage image = chromium.screenshot(base + "/review/decisions/" + id, 1280, 900);
        assertThat(image.getWidth()).isEqualTo(1280);
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 7) {
            for (int y = 0; y < image.getHeight(); y += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("a rendered page, not a blank one").isGreaterThan(5);
    }

    /** Problems of {@code node} against a schema of the OpenAPI document the server serves. */
    static Set<?> validate(String component, JsonNode node) throws IOException, InterruptedException {
        JsonNode api = json(get("/v1/openapi.json"));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(java.net.URI.create("https://ladder.dev/openapi.json#/components/schemas/" + component),
                        withId(api), config);
        return schema.validate(node);
    }

    private static JsonNode withId(JsonNode api) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = api.deepCopy();
        copy.put("$id", "https://ladder.dev/openapi.json");
        return copy;
    }

    static String idOf(String body) {
        Matcher m = Pattern.compile("\"decisionId\" : \"([^\"]+)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
