package dev.ladder.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.Decision;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.govern.DecisionLog;
import dev.ladder.model.Approach;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;
import dev.ladder.read.ScenarioSchema;
import dev.ladder.report.DecisionJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@code ladder serve}: the decision service, an HTTP API over the same advisor and decision log
 * as the command line. Every response is JSON; every failure is an RFC 9457 problem document
 * ({@code application/problem+json}) with the same located problems the command line prints:
 * bad input is 400, a rule fault 422 naming the rule, a log that cannot be written 503, and
 * nothing a client sends yields a 500 or a stack trace.
 */
public final class DecisionService implements AutoCloseable {
    /** The largest request body taken: the largest scenario file the reader takes. */
    public static final long MAX_BODY_BYTES = ScenarioReader.MAX_FILE_BYTES;
    /** How long a connection may stay idle, and so how long a slow client may take to send. */
    public static final int IDLE_TIMEOUT_MILLIS = 30_000;
    /** The most decisions one page lists. */
    public static final int MAX_PAGE = 500;

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = DecisionJson.mapper();

    /** How the service is set up. */
    public record Settings(String host, int port, RuleSourceSettings rules, String log, String token) {
    }

    /** Where the rules come from: a directory (null: the packaged rules) checked that often for changes. */
    public record RuleSourceSettings(java.nio.file.Path dir, long pollMillis) {
    }

    private final Settings settings;
    private final Consumer<String> out;
    private final RuleSource rules;
    private final DecisionLog log;
    private final LogWriter writer;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer latency;
    private final Counter faults;
    private final Counter badInput;
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private final String openApi;
    private final String schema;
    private Javalin app;

    private DecisionService(Settings settings, Consumer<String> out) throws LadderException.BadInput, IOException {
        this.settings = settings;
        this.out = out;
        this.latency = Timer.builder("ladder.decision.latency").description("Time to decide and log one scenario")
                .publishPercentileHistogram().register(metrics);
        this.faults = Counter.builder("ladder.rule.faults").description("Decisions a rule failed").register(metrics);
        this.badInput = Counter.builder("ladder.bad.input").description("Requests refused as bad input").register(metrics);
        this.rules = new RuleSource(settings.rules().dir(), settings.rules().pollMillis(), out,
                ok -> metrics.counter("ladder.reloads", "outcome", ok ? "loaded" : "failed").increment());
        this.log = DecisionLog.at(settings.log());
        this.writer = new LogWriter(log, out);
        this.openApi = resource("/ladder/openapi.json");
        this.schema = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ScenarioSchema.generate());
    }

    /** Starts the service; {@code out} hears what it does (its log). */
    public static DecisionService start(Settings settings, Consumer<String> out) throws LadderException.BadInput, IOException {
        DecisionService service = new DecisionService(settings, out);
        try {
            service.listen();
        } catch (RuntimeException e) {
            service.close();
            throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + rootMessage(e), e);
        }
        return service;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** Every route it serves, as {@code METHOD path}. */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    private void listen() {
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.generateEtags = false;
            config.http.prefer405over404 = true;
            config.events.handlerAdded(meta -> routes.add(meta.getHttpMethod().name() + " " + meta.getPath()));
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrors()));
        });
        app.before("/v1/*", this::authorise);
        app.before("/review*", this::authorise);
        app.post("/v1/decisions", this::decide);
        app.get("/v1/decisions", this::list);
        app.get("/v1/decisions/{id}", this::show);
        app.get("/v1/ruleset", this::ruleset);
        app.get("/v1/schema/scenario.json", ctx -> ctx.contentType("application/schema+json").result(schema));
        app.get("/v1/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
        app.get("/review", ctx -> page(ctx, Review.list(log.newest(query(ctx)), ctx.queryParam("scenario"),
                ctx.queryParam("approach"), ctx.queryParam("since"))));
        app.get("/review/decisions/{id}", this::reviewOne);
        app.get("/review/chain", ctx -> page(ctx, Review.chain(log.name(), log.verify())));
        app.get("/health/live", ctx -> json(ctx, 200, MAPPER.createObjectNode().put("status", "UP")));
        app.get("/health/ready", this::ready);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.exception(Refused.class, (e, ctx) -> problem(ctx, e.status, e.title, e.getMessage(), e.problems));
        app.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, e.getStatus(), switch (e.getStatus()) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request too large";
            default -> "Request refused";
        }, e.getStatus() == 413 ? "the body is over " + MAX_BODY_BYTES + " bytes" : e.getMessage(), List.of()));
        app.exception(Exception.class, (e, ctx) -> {
            out.accept("internal error on " + ctx.method() + " " + ctx.path() + ": " + rootMessage(e));
            problem(ctx, 500, "Internal error", "an internal error; the service log has its cause", List.of());
        });
        app.error(404, ctx -> {
            if (!String.valueOf(ctx.res().getContentType()).startsWith(PROBLEM_JSON)) {
                problem(ctx, 404, "Not found", "no such resource: " + ctx.path(), List.of());
            }
        });
        app.error(405, ctx -> problem(ctx, 405, "Method not allowed", dev.ladder.support.Printable.line(ctx.req().getMethod())
                + " is not allowed on " + ctx.path(),
                List.of()));
        app.start(settings.host(), settings.port());
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector server) {
                server.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
            }
        }
        out.accept("serving on http://" + settings.host() + ":" + app.port() + " with ruleset " + rules.current().sha256()
                + ", logging to " + log.name());
    }

    private void authorise(Context ctx) {
        if (settings.token() == null) {
            return;
        }
        String given = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        byte[] expected = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Refused(401, "Unauthorized", "this service needs 'Authorization: Bearer TOKEN'", List.of());
        }
    }

    private void decide(Context ctx) throws IOException {
        String name = "request" + (isYaml(ctx) ? ".yaml" : ".json");
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY_BYTES) {   // a chunked body has no length to refuse it by before it is read
            throw new Refused(413, "Request too large", "the body is over " + MAX_BODY_BYTES + " bytes", List.of());
        }
        long start = System.nanoTime();
        Decision decision;
        try {
            Scenario scenario = ScenarioReader.parse(name, body);
            decision = rules.current().advisor().decide(scenario, name);
        } catch (LadderException.BadInput e) {
            badInput.increment();
            throw new Refused(400, "Bad scenario", "the scenario cannot be decided as sent", e.problems());
        } catch (LadderException.RuleFault e) {
            faults.increment();
            throw new Refused(422, "A rule failed", "a rule failed while deciding; no decision was made", e.problems());
        } catch (LadderException e) {
            throw new Refused(500, "Not decided", e.getMessage(), e.problems());
        }
        try {
            writer.append(decision);
        } catch (IOException e) {
            out.accept("cannot append to " + log.name() + ": " + e.getMessage());
            throw new Refused(503, "Decision log unavailable", "the decision was not logged, so it is not returned: "
                    + e.getMessage(), List.of());
        }
        latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        metrics.counter("ladder.decisions", "approach", decision.recommendation().approach()).increment();
        ctx.status(201).header("Location", "/v1/decisions/" + decision.decisionId()).contentType(JSON)
                .result(DecisionJson.pretty(decision));
    }

    private static boolean isYaml(Context ctx) {
        String type = Optional.ofNullable(ctx.contentType()).orElse(JSON).toLowerCase(Locale.ROOT);
        String mediaType = type.split(";", 2)[0].strip();
        java.util.regex.Matcher charset = java.util.regex.Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]+)").matcher(type);
        if (charset.find() && !charset.group(1).equals("utf-8")) {
            throw new Refused(415, "Unsupported media type", "scenarios are read as UTF-8, not " + charset.group(1),
                    List.of());
        }
        return switch (mediaType) {
            case "application/json", "" -> false;
            case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml" -> true;
            default -> throw new Refused(415, "Unsupported media type", "send the scenario as application/json or"
                    + " application/yaml, not " + mediaType, List.of());
        };
    }

    /** The logged record the path's {@code id} names; 404 when the log has none. */
    private JsonNode logged(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        Optional<JsonNode> entry = id.matches("[0-9a-fA-F-]{36}") ? log.find(id) : Optional.empty();
        return entry.map(e -> e.path("record")).orElseThrow(() -> new Refused(404, "Not found", "no decision "
                + (id.length() > 64 ? id.substring(0, 64) + "..." : id) + " in the log", List.of()));
    }

    private void show(Context ctx) throws IOException {
        ctx.status(200).contentType(JSON).result(DecisionJson.pretty(logged(ctx)));
    }

    /** The listing a request asks for: its filters and page, each checked. */
    private static DecisionLog.Query query(Context ctx) {
        for (String parameter : ctx.queryParamMap().keySet()) {
            if (ctx.queryParams(parameter).size() > 1) {
                throw queryProblem(parameter, String.join(", ", ctx.queryParams(parameter)), "one value");
            }
        }
        String scenario = blankToNull(ctx.queryParam("scenario"));
        String named = blankToNull(ctx.queryParam("approach"));
        // as records spell it (RAG_AND_FINE_TUNING) or as scenarios do (rag, fine-tuning)
        String approach = named == null ? null : named.toUpperCase(Locale.ROOT).replace('-', '_');
        if (approach != null && Arrays.stream(Approach.values()).noneMatch(a -> a.name().equals(approach))) {
            throw queryProblem("approach", named, "one of: " + Arrays.toString(Approach.values()).replaceAll("[\\[\\]]", ""));
        }
        Instant since = since(blankToNull(ctx.queryParam("since")));
        int limit = number(ctx, "limit", 50, 1, MAX_PAGE);
        long before = number(ctx, "before", 0, 1, Long.MAX_VALUE);
        return new DecisionLog.Query(scenario, approach, since, before, limit);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private void list(Context ctx) throws IOException {
        DecisionLog.Query query = query(ctx);
        String scenario = query.scenario();
        String approach = query.approach();
        int limit = query.limit();
        List<JsonNode> entries = log.newest(query);
        ObjectNode page = MAPPER.createObjectNode();
        ArrayNode items = page.putArray("items");
        for (JsonNode entry : entries) {
            JsonNode record = entry.path("record");
            ObjectNode item = items.addObject();
            item.put("seq", entry.path("seq").asLong());
            item.put("decisionId", entry.path("decisionId").asText());
            item.put("scenario", record.path("scenario").asText());
            item.put("approach", record.path("recommendation").path("approach").asText());
            item.put("confidence", record.path("recommendation").path("confidence").asText());
            item.put("decidedAt", record.path("decidedAt").asText());
            item.put("href", "/v1/decisions/" + entry.path("decisionId").asText());
        }
        if (entries.size() == limit) {
            long last = entries.get(entries.size() - 1).path("seq").asLong();
            StringBuilder next = new StringBuilder("/v1/decisions?limit=" + limit + "&before=" + last);
            if (scenario != null) {
                next.append("&scenario=").append(java.net.URLEncoder.encode(scenario, StandardCharsets.UTF_8));
            }
            if (approach != null) {
                next.append("&approach=").append(approach);
            }
            if (ctx.queryParam("since") != null) {
                next.append("&since=").append(java.net.URLEncoder.encode(ctx.queryParam("since"), StandardCharsets.UTF_8));
            }
            page.put("next", next.toString());
        }
        json(ctx, 200, page);
    }

    private static Instant since(String text) {
        return text == null ? null : DecisionLog.since(text).orElseThrow(() ->
                queryProblem("since", text, "a date (2026-11-29) or an instant (2026-11-29T10:00:00Z)"));
    }

    private static int number(Context ctx, String name, int fallback, int min, int max) {
        return (int) number(ctx, name, (long) fallback, min, max);
    }

    private static long number(Context ctx, String name, long fallback, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw queryProblem(name, text, "an integer from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max));
    }

    private static Refused queryProblem(String parameter, String value, String allowed) {
        return new Refused(400, "Bad query", "query parameter " + parameter + ": '" + value + "' is not allowed",
                List.of(new Problem("query", 0, 0, parameter, "'" + value + "' is not allowed (expected " + allowed + ")")));
    }

    private void reviewOne(Context ctx) throws IOException {
        page(ctx, dev.ladder.report.HtmlReport.render(MAPPER.treeToValue(logged(ctx), Decision.class)));
    }

    /** A review page: HTML that loads nothing from anywhere, not even from this service. */
    private static void page(Context ctx, String html) {
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .contentType("text/html; charset=utf-8").result(html);
    }

    private void ruleset(Context ctx) {
        RuleSource.Loaded loaded = rules.current();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("sha256", loaded.sha256());
        body.put("source", rules.dir().map(Object::toString).orElse("packaged"));
        body.put("loadedAt", loaded.loadedAt().toString());
        ArrayNode files = body.putArray("files");
        loaded.files().forEach((file, sha) -> files.addObject().put("name", file).put("sha256", sha));
        rules.lastFailure().ifPresentOrElse(failure -> {
            ObjectNode failed = body.putObject("lastFailedReload");
            failed.put("at", failure.at().toString());
            if (failure.sha256() != null) {
                failed.put("sha256", failure.sha256());
            }
            failed.set("problems", problems(failure.problems()));
        }, () -> body.putNull("lastFailedReload"));
        json(ctx, 200, body);
    }

    private void ready(Context ctx) {
        try {
            log.probe();
            json(ctx, 200, MAPPER.createObjectNode().put("status", "UP").put("ruleset", rules.current().sha256()));
        } catch (IOException | UncheckedIOException e) {
            problem(ctx, 503, "Not ready", "the decision log cannot be read: " + e.getMessage(), List.of());
        }
    }

    private static void json(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType(JSON).result(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 9457 problem document: type, title, status, detail, and the located problems. */
    private static void problem(Context ctx, int status, String title, String detail, List<Problem> problems) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.path());
        if (!problems.isEmpty()) {
            body.set("problems", problems(problems));
        }
        try {
            ctx.status(status).contentType(PROBLEM_JSON).result(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode problems(List<Problem> problems) {
        ArrayNode list = MAPPER.createArrayNode();
        for (Problem p : problems) {
            ObjectNode node = list.addObject();
            node.put("file", p.file());
            if (p.line() > 0) {
                node.put("line", p.line());
                node.put("column", Math.max(1, p.column()));
            }
            if (p.field() != null && !p.field().isEmpty()) {
                node.put("field", p.field());
            }
            node.put("message", p.message());
            node.put("text", p.toString());
        }
        return list;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DecisionService.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is part of the program");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        if (writer != null) {
            writer.close();
        }
        rules.close();
        metrics.close();
    }

    /** A request the service refuses, as a problem document. */
    static final class Refused extends RuntimeException {
        final int status;
        final String title;
        final List<Problem> problems;

        Refused(int status, String title, String detail, List<Problem> problems) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
            this.problems = List.copyOf(problems);
        }
    }
}
