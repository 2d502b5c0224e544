import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every scenario in facts/ as one JSON object a line, without its expect block. Usage: ToJsonLines.java OUT */
public class ToJsonLines {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        YAMLMapper yaml = new YAMLMapper();
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            for (Path file : files.sorted().toList()) {
                ObjectNode node = (ObjectNode) (file.toString().endsWith(".json") ? json : yaml).readTree(file.toFile());
                node.remove("expect");
                lines.add(json.writeValueAsString(node));
            }
        }
        Files.write(Path.of(args[0]), lines);
    }
}
