package dev.kubestate.demo.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What holds of Jobs, their pods and their CronJobs however the churn has moved them. */
final class ChurnedJobs {

  private static final String SCHEDULED = "batch.kubernetes.io/cronjob-scheduled-timestamp";

  private ChurnedJobs() {}

  /**
   * A running Job's pods are not finished and number {@code status.active}; a complete Job's pods
   * succeeded, a failed one's failed (all of them, or none left after a deadline); a CronJob lists
   * exactly its running Jobs as active, keeps no more finished Jobs than its limits, and its last
   * schedule time is its newest Job's scheduled time.
   */
  static void assertConsistent(List<HasMetadata> all) {
    Map<String, List<Pod>> podsByJob = new HashMap<>();
    Map<String, List<Job>> jobsByCronJob = new HashMap<>();
    for (HasMetadata o : all) {
      OwnerReference owner = controller(o);
      if (o instanceof Pod p && owner != null && owner.getKind().equals("Job")) {
        podsByJob.computeIfAbsent(owner.getUid(), k -> new ArrayList<>()).add(p);
      } else if (o instanceof Job j && owner != null) {
        jobsByCronJob.computeIfAbsent(owner.getUid(), k -> new ArrayList<>()).add(j);
      }
    }
    for (HasMetadata o : all) {
      if (o instanceof Job j) {
        assertJob(j, podsByJob.getOrDefault(j.getMetadata().getUid(), List.of()));
      } else if (o instanceof CronJob c) {
        assertCronJob(c, jobsByCronJob.getOrDefault(c.getMetadata().getUid(), List.of()));
      }
    }
  }

  private static void assertJob(Job j, List<Pod> pods) {
    JobStatus st = j.getStatus();
    String name = j.getMetadata().getName();
    Set<String> phases = new HashSet<>();
    pods.forEach(p -> phases.add(p.getStatus().getPhase()));
    if (st.getConditions() == null || st.getConditions().isEmpty()) {
      assertEquals(pods.size(), st.getActive(), name);
      assertTrue(Set.of("Running", "Pending").containsAll(phases), name + " " + phases);
    } else if (st.getCompletionTime() != null) {
      assertEquals(Set.of("Succeeded"), phases, name);
      assertEquals(pods.size(), st.getSucceeded(), name);
    } else {
      assertTrue(phases.isEmpty() || phases.equals(Set.of("Failed")), name + " " + phases);
      assertEquals(Math.max(1, pods.size()), st.getFailed(), name);
    }
  }

  private static void assertCronJob(CronJob c, List<Job> jobs) {
    String name = c.getMetadata().getName();
    Set<String> running = new HashSet<>();
    int succeeded = 0;
    int failed = 0;
    Instant newest = null;
    for (Job j : jobs) {
      JobStatus st = j.getStatus();
      if (st.getConditions() == null || st.getConditions().isEmpty()) {
        running.add(j.getMetadata().getUid());
      } else if (st.getCompletionTime() != null) {
        succeeded++;
      } else {
        failed++;
      }
      Instant scheduled = Instant.parse(j.getMetadata().getAnnotations().get(SCHEDULED));
      newest = newest == null || scheduled.isAfter(newest) ? scheduled : newest;
    }
    Set<String> active = new HashSet<>();
    List<ObjectReference> refs = c.getStatus().getActive();
    if (refs != null) {
      refs.forEach(r -> active.add(r.getUid()));
    }
    assertEquals(running, active, name);
    assertTrue(succeeded <= c.getSpec().getSuccessfulJobsHistoryLimit(), name);
    assertTrue(failed <= c.getSpec().getFailedJobsHistoryLimit(), name);
    if (newest != null) {
      assertEquals(newest.toString(), c.getStatus().getLastScheduleTime(), name);
    }
  }

  private static OwnerReference controller(HasMetadata o) {
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    return refs == null || refs.isEmpty() ? null : refs.get(0);
  }
}
