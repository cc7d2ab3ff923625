package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.knowledge.KnowledgeBase;

import java.util.List;

/**
 * What a rule sees of one translation unit: its facts, every fork/vfork site with its child
 * region (computed once, shared by all rules) and the knowledge base.
 */
public record RuleContext(FileFacts file, List<SiteContext> sites, KnowledgeBase knowledge) {
    public RuleContext {
        sites = List.copyOf(sites);
    }
}
