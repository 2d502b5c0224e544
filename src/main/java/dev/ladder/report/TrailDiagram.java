package dev.ladder.report;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayerConstraint;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The trail graph drawn as SVG, laid out by the Eclipse Layout Kernel's layered algorithm
 * (Sugiyama-style: cycle breaking, Coffman-Graham layering with a bound on the boxes per layer,
 * crossing minimisation, orthogonal edge routing). The recommendation sits at the top and the
 * rules it rests on below it, as in an argument map: each arrow runs from a rule up to the rule
 * that used its conclusion, and each box lists the scenario facts its rule read. Only the rules on
 * the way to the recommendation or to a why-not are drawn ({@link TrailGraph#onTheWay()}).
 * Labels are wrapped, never cut. Parameters are not in the drawing: {@link #parameters} lists
 * them apart, with the rules that read each.
 */
final class TrailDiagram {
    /** Wide enough for a character of 11 px system-ui text on common fonts (DejaVu Sans, Segoe UI, SF). */
    private static final double CHAR_W = 7.0;
    /** The same for the bold result label. */
    private static final double BOLD_W = 7.8;
    private static final int WRAP = 34;
    private static final int LINE_H = 14;
    private static final int PAD = 8;
    private static final int GAP = 14;
    private static final int MARGIN = 12;
    /** The widest drawing that fits a 1280 px window beside the page's margins. */
    private static final int MAX_WIDTH = 1180;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private TrailDiagram() {
    }

    /** A parameter the rules compared against, with the ids of the rules that read it. */
    record Parameter(String label, List<String> rules) {
    }

    static String svg(TrailGraph graph) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.UP);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.SEPARATE_CONNECTED_COMPONENTS, false);
        // Coffman-Graham layering bounds the boxes per layer, so the drawing grows down, not across
        root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.COFFMAN_GRAHAM);
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.SIMPLE);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, (double) GAP);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 28.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 10.0);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(MARGIN));
        root.setProperty(CoreOptions.RANDOM_SEED, 1);

        Map<String, TrailGraph.Node> byId = new LinkedHashMap<>();
        graph.nodes.forEach(n -> byId.put(n.id(), n));
        Set<String> shown = graph.onTheWay();
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (TrailGraph.Node node : graph.nodes) {
            if ((node.kind() == TrailGraph.Kind.RULE || node.kind() == TrailGraph.Kind.RESULT) && shown.contains(node.id())) {
                List<String> read = new ArrayList<>();
                graph.edges.stream().filter(e -> e.to().equals(node.id()))
                        .map(e -> byId.get(e.from())).filter(f -> f != null && f.kind() == TrailGraph.Kind.FACT)
                        .forEach(f -> read.addAll(wrap(f.label())));
                boxes.put(node.id(), new Box(node, wrap(node.label()), read, ElkGraphUtil.createNode(root)));
            }
        }
        double widest = 0;
        for (Box box : boxes.values()) {
            int chars = Math.max(box.label.stream().mapToInt(String::length).max().orElse(1),
                    box.facts.stream().mapToInt(String::length).max().orElse(0));
            box.elk.setIdentifier(box.node.id());
            box.elk.setWidth(2 * PAD + (box.node.kind() == TrailGraph.Kind.RESULT ? BOLD_W : CHAR_W) * chars);
            box.elk.setHeight(2 * PAD - 4 + LINE_H * (box.label.size() + box.facts.size()) + (box.facts.isEmpty() ? 0 : PAD + 2));
            widest = Math.max(widest, box.elk.getWidth());
            if (box.node.kind() == TrailGraph.Kind.RESULT) {
                box.elk.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.LAST_SEPARATE);
            }
        }
        root.setProperty(LayeredOptions.LAYERING_COFFMAN_GRAHAM_LAYER_BOUND,
                Math.max(1, (int) ((MAX_WIDTH - 2 * MARGIN + GAP) / (widest + GAP))));
        List<TrailGraph.Edge> drawn = new ArrayList<>();
        List<ElkEdge> edges = new ArrayList<>();
        for (TrailGraph.Edge edge : graph.edges) {
            Box from = boxes.get(edge.from());
            Box to = boxes.get(edge.to());
            if (from != null && to != null) {
                drawn.add(edge);
                edges.add(ElkGraphUtil.createSimpleEdge(from.elk, to.elk));
            }
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        long width = Math.round(Math.ceil(root.getWidth()));
        long height = Math.round(Math.ceil(root.getHeight()));
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trail-graph\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"how the rules reached the recommendation\">")
                .append(marker("arrow", "#777")).append(marker("red", "#c0392b")).append(marker("path", "#2c7a4b"));
        for (int i = 0; i < drawn.size(); i++) {
            TrailGraph.Edge edge = drawn.get(i);
            boolean onPath = byId.get(edge.from()).deciding() && byId.get(edge.to()).deciding() && !edge.override();
            String kind = edge.override() ? "override" : onPath ? "edge deciding" : "edge";
            for (ElkEdgeSection section : edges.get(i).getSections()) {
                svg.append("<path class=\"").append(kind).append("\" data-from=\"").append(edge.from())
                        .append("\" data-to=\"").append(edge.to()).append("\" d=\"M ").append(n(section.getStartX()))
                        .append(' ').append(n(section.getStartY()));
                for (ElkBendPoint bend : section.getBendPoints()) {
                    svg.append(" L ").append(n(bend.getX())).append(' ').append(n(bend.getY()));
                }
                svg.append(" L ").append(n(section.getEndX())).append(' ').append(n(section.getEndY()))
                        .append("\" marker-end=\"url(#").append(edge.override() ? "red" : onPath ? "path" : "arrow")
                        .append(")\"/>");
            }
        }
        boxes.values().forEach(box -> box.draw(svg));
        return svg.append("</svg>").toString();
    }

    /** One box of the drawing: a rule (its label, then the scenario facts it read) or the result. */
    private record Box(TrailGraph.Node node, List<String> label, List<String> facts, ElkNode elk) {
        void draw(StringBuilder svg) {
            double x = elk.getX();
            double y = elk.getY();
            svg.append("<g class=\"").append(node.kind().name().toLowerCase()).append(node.overridden() ? " lost" : "")
                    .append(node.deciding() && node.kind() == TrailGraph.Kind.RULE ? " deciding" : "")
                    .append("\" data-id=\"").append(node.id()).append("\"><title>").append(HtmlReport.esc(node.label()))
                    .append("</title><rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                    .append(n(elk.getWidth())).append("\" height=\"").append(n(elk.getHeight())).append("\" rx=\"6\"/>");
            double factsTop = y + PAD / 2.0 + LINE_H * label.size() + 4;
            if (!facts.isEmpty()) {
                svg.append("<rect class=\"read\" x=\"").append(n(x + 3)).append("\" y=\"").append(n(factsTop))
                        .append("\" width=\"").append(n(elk.getWidth() - 6)).append("\" height=\"")
                        .append(n(y + elk.getHeight() - 3 - factsTop)).append("\" rx=\"4\"/>");
            }
            svg.append("<text>");
            for (int l = 0; l < label.size(); l++) {
                svg.append("<tspan x=\"").append(n(x + PAD)).append("\" y=\"").append(n(y + PAD + 7 + l * LINE_H))
                        .append("\">").append(HtmlReport.esc(label.get(l))).append("</tspan>");
            }
            svg.append("</text>");
            if (!facts.isEmpty()) {
                svg.append("<text class=\"fact\">");
                for (int l = 0; l < facts.size(); l++) {
                    svg.append("<tspan x=\"").append(n(x + PAD)).append("\" y=\"")
                            .append(n(factsTop + PAD + 5 + l * LINE_H)).append("\">").append(HtmlReport.esc(facts.get(l)))
                            .append("</tspan>");
                }
                svg.append("</text>");
            }
            svg.append("</g>");
        }
    }

    /** The parameters the graph's rules read, by label, each with the ids of its readers in firing order. */
    static List<Parameter> parameters(TrailGraph graph) {
        Map<String, String> ruleIds = new LinkedHashMap<>();
        graph.nodes.stream().filter(n -> n.kind() == TrailGraph.Kind.RULE)
                .forEach(n -> ruleIds.put(n.id(), n.label().substring(0, n.label().indexOf(' '))));
        Map<String, List<String>> readers = new TreeMap<>();
        for (TrailGraph.Node node : graph.nodes) {
            if (node.kind() == TrailGraph.Kind.PARAM) {
                List<String> rules = new ArrayList<>();
                graph.edges.stream().filter(e -> e.from().equals(node.id())).map(e -> ruleIds.get(e.to()))
                        .filter(r -> r != null && !rules.contains(r)).forEach(rules::add);
                readers.put(node.label(), rules);
            }
        }
        List<Parameter> result = new ArrayList<>();
        readers.forEach((label, rules) -> result.add(new Parameter(label, rules)));
        return result;
    }

    /** {@code label} in lines of at most {@value #WRAP} characters, broken at spaces; a longer word keeps its own line. */
    static List<String> wrap(String label) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : label.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > WRAP) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        out.add(line.toString());
        return out;
    }

    private static String marker(String id, String colour) {
        return "<defs><marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\""
                + " markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"" + colour
                + "\"/></marker></defs>";
    }

    private static String n(double value) {
        return Long.toString(Math.round(value));
    }
}
