import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on a running decision service: CLIENTS threads POST the scenarios in facts/ in turn for
 * SECONDS, then it prints throughput, latency percentiles, the errors, and the decision ids it
 * received (to compare with the log). Usage: java ServeLoad.java URL CLIENTS SECONDS IDS_FILE
 */
public class ServeLoad {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int clients = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        List<byte[]> bodies = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (var files = Files.list(Path.of("facts"))) {
            for (Path file : files.sorted().toList()) {
                bodies.add(Files.readAllBytes(file));
                types.add(file.toString().endsWith(".json") ? "application/json" : "application/yaml");
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<String, Boolean> ids = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread thread = new Thread(() -> {
                for (int i = offset; System.nanoTime() < end; i += clients) {
                    int n = i % bodies.size();
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/decisions"))
                            .header("Content-Type", types.get(n)).POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(n))).build();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - start;
                        if (response.statusCode() != 201) {
                            errors.incrementAndGet();
                            continue;
                        }
                        latencies.add(took);
                        int at = response.body().indexOf("\"decisionId\" : \"");
                        String id = response.body().substring(at + 16, at + 52);
                        if (ids.put(id, true) != null) {
                            duplicates.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
        double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
        System.out.printf("clients %d, %d s: %d decisions, %.1f decisions/s, p50 %.1f ms, p99 %.1f ms, %d errors, %d duplicate ids%n",
                clients, seconds, sorted.size(), sorted.size() / (double) seconds, p50, p99, errors.get(), duplicates.get());
        Files.write(Path.of(args[3]), ids.keySet());
    }
}
