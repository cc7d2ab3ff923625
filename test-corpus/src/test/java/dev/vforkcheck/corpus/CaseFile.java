package dev.vforkcheck.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The annotations of one corpus case. A line comment may hold several clauses separated by
 * {@code ;}:
 * <ul>
 *   <li>{@code expect: RULE-ID, RULE-ID[note], RULE-ID{default|NAME}} — a finding of each rule is
 *       reported on this line (optionally at the given severity, and found in exactly the given
 *       configurations; without braces, in the default configuration only);</li>
 *   <li>{@code ok: RULE-ID, ...} — no finding of these rules on this line;</li>
 *   <li>{@code site: fork|vfork} — a fork/vfork call site is on this line;</li>
 *   <li>{@code child: SUMMARY} — with {@code site:}, how that site's child paths end, exactly as
 *       {@code vforkcheck sites} prints it;</li>
 *   <li>{@code in-child} / {@code not-child} — the child of a site in this function can / cannot
 *       execute the statement on this line;</li>
 *   <li>{@code in-config: NAME, NAME} — the site on this line is found in exactly these
 *       configurations ({@code default} for the scan's own); a site without it is expected in the
 *       default configuration only.</li>
 * </ul>
 */
record CaseFile(Path path, Map<Integer, List<Expectation>> expect, Map<Integer, List<String>> ok,
                Map<Integer, String> sites, Map<Integer, String> childSummaries, List<Integer> inChild,
                List<Integer> notChild, Map<Integer, List<String>> configurations) {

    /** An expected finding: rule id and, optionally, severity word. */
    record Expectation(String ruleId, String severity, List<String> configurations) {
        @Override
        public String toString() {
            return (severity == null ? ruleId : ruleId + "[" + severity + "]")
                    + (configurations.isEmpty() ? "" : "{" + String.join("|", configurations) + "}");
        }

        static Expectation parse(String text) {
            String id = text;
            List<String> configs = List.of();
            int brace = id.indexOf('{');
            if (brace >= 0) {
                configs = List.of(id.substring(brace + 1, id.length() - 1).split("\\|"));
                id = id.substring(0, brace);
            }
            int b = id.indexOf('[');
            return b < 0 ? new Expectation(id, null, configs)
                    : new Expectation(id.substring(0, b), id.substring(b + 1, id.length() - 1), configs);
        }
    }

    static CaseFile read(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        Map<Integer, List<Expectation>> expect = new TreeMap<>();
        Map<Integer, List<String>> ok = new TreeMap<>();
        Map<Integer, String> sites = new TreeMap<>();
        Map<Integer, String> child = new TreeMap<>();
        List<Integer> in = new ArrayList<>();
        List<Integer> not = new ArrayList<>();
        Map<Integer, List<String>> configs = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            int c = line.indexOf("//");
            if (c < 0) {
                continue;
            }
            for (String clause : line.substring(c + 2).split(";")) {
                String t = clause.trim();
                if (t.startsWith("expect:")) {
                    for (String id : ids(t.substring(7))) {
                        expect.computeIfAbsent(lineNo, k -> new ArrayList<>()).add(Expectation.parse(id));
                    }
                } else if (t.startsWith("ok:")) {
                    ok.computeIfAbsent(lineNo, k -> new ArrayList<>()).addAll(ids(t.substring(3)));
                } else if (t.startsWith("site:")) {
                    sites.put(lineNo, t.substring(5).trim().toLowerCase(Locale.ROOT));
                } else if (t.startsWith("child:")) {
                    child.put(lineNo, t.substring(6).trim());
                } else if (t.equals("in-child")) {
                    in.add(lineNo);
                } else if (t.equals("not-child")) {
                    not.add(lineNo);
                } else if (t.startsWith("in-config:")) {
                    configs.put(lineNo, ids(t.substring(10)));
                }
            }
        }
        return new CaseFile(path, expect, ok, sites, child, in, not, configs);
    }

    private static List<String> ids(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            String id = p.trim();
            if (!id.isEmpty()) {
                out.add(id);
            }
        }
        return out;
    }

    boolean hasAnnotations() {
        return !expect.isEmpty() || !ok.isEmpty() || !sites.isEmpty() || !inChild.isEmpty() || !notChild.isEmpty();
    }
}
