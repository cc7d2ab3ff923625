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
 *   <li>{@code expect: RULE-ID, RULE-ID[note]} — a finding of each rule is reported on this line
 *       (optionally at the given severity);</li>
 *   <li>{@code ok: RULE-ID, ...} — no finding of these rules on this line;</li>
 *   <li>{@code site: fork|vfork} — a fork/vfork call site is on this line;</li>
 *   <li>{@code child: SUMMARY} — with {@code site:}, how that site's child paths end, exactly as
 *       {@code vforkcheck sites} prints it;</li>
 *   <li>{@code in-child} / {@code not-child} — the child of a site in this function can / cannot
 *       execute the statement on this line.</li>
 * </ul>
 */
record CaseFile(Path path, Map<Integer, List<Expectation>> expect, Map<Integer, List<String>> ok,
                Map<Integer, String> sites, Map<Integer, String> childSummaries, List<Integer> inChild,
                List<Integer> notChild) {

    /** An expected finding: rule id and, optionally, severity word. */
    record Expectation(String ruleId, String severity) {
        @Override
        public String toString() {
            return severity == null ? ruleId : ruleId + "[" + severity + "]";
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
                        int b = id.indexOf('[');
                        expect.computeIfAbsent(lineNo, k -> new ArrayList<>()).add(b < 0 ? new Expectation(id, null)
                                : new Expectation(id.substring(0, b), id.substring(b + 1, id.length() - 1)));
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
                }
            }
        }
        return new CaseFile(path, expect, ok, sites, child, in, not);
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
