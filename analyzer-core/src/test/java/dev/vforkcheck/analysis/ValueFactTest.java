package dev.vforkcheck.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which stores kill a value fact: its own lvalue, or a whole that contains it. */
class ValueFactTest {

  @ParameterizedTest(name = "a fact about {0} is killed by a store to {1}: {2}")
  @CsvSource({
    "pid, pid, true",
    "job->pid, job, true",
    "job.pid, job, true",
    "pids[0], pids, true",
    "jobs[0].pid, jobs, true",
    "jobs[0].pid, jobs[0], true",
    "job->pid, job->pid, true",
    // not a part of the written lvalue
    "pid, pi, false",
    "pid, pid2, false",
    "jobs->pid, job, false",
    "job, job->pid, false",
    "job->pid, job->pid2, false",
    "pids[0], pids[1], false",
    "job->pid, other, false",
  })
  void killedBy(String lvalue, String written, boolean killed) {
    assertEquals(
        killed, new ValueFact.HoldsResult(lvalue).killedBy(written), "HoldsResult(" + lvalue + ")");
    assertEquals(killed, new ValueFact.Known(lvalue, 3).killedBy(written), "Known(" + lvalue + ")");
  }

  @Test
  void theFactsAreValuesAndTheirLvalueIsWhatTheyAreAbout() {
    ValueFact h = new ValueFact.HoldsResult("pid");
    ValueFact k = new ValueFact.Known("pid", -1);
    assertEquals("pid", h.lvalue());
    assertEquals("pid", k.lvalue());
    assertEquals(new ValueFact.HoldsResult("pid"), h);
    assertEquals(new ValueFact.Known("pid", -1), k);
    assertNotEquals(h, k);
    assertNotEquals(k, new ValueFact.Known("pid", 0));
    assertTrue(k instanceof ValueFact.Known);
    assertFalse(h instanceof ValueFact.Known);
  }
}
