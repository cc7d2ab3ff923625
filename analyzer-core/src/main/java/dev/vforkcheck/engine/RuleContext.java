package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.Summaries;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.knowledge.KnowledgeBase;
import java.util.List;

/**
 * What a rule sees of one translation unit: its facts, every fork/vfork site with its child region
 * (computed once, shared by all rules), the knowledge base, and the summaries of every function in
 * the scanned tree.
 */
public record RuleContext(
    FileFacts file, List<SiteContext> sites, KnowledgeBase knowledge, Summaries summaries) {
  public RuleContext {
    sites = List.copyOf(sites);
  }
}
