import dev.ladder.Advisor;
import dev.ladder.govern.Batch;

import java.nio.file.Path;

/**
 * The batch in-process on two threads, the same code `ladder decide --batch` runs, after a
 * warm-up pass: prints decisions per second. Usage: java -cp ladder-cli.jar BatchInProcess.java FILE
 */
public class BatchInProcess {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Advisor advisor = Advisor.load(Path.of("rules"));
        Batch batch = new Batch(advisor, 2);
        batch.run(file, java.io.OutputStream.nullOutputStream(), Batch.OnError.FAIL, p -> { });   // warm-up
        long start = System.nanoTime();
        Batch.Summary summary = batch.run(file, java.io.OutputStream.nullOutputStream(), Batch.OnError.FAIL, p -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%.1f%n", summary.decided() / seconds);
    }
}
