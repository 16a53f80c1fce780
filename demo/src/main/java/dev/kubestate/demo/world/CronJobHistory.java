package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs a CronJob still shows when the cluster is generated: its latest scheduled times, newest
 * first, within its history limits (the successful limit, one failed run) and a pod budget, each
 * with an outcome. Planned first, then created as Jobs with their pods. Immutable.
 *
 * @param runs the runs, newest first
 * @param backoffLimit the Jobs' backoff limit: a failed run has one more pod than this
 * @param pods the pods the runs have together
 */
record CronJobHistory(List<CronJobHistory.Run> runs, int backoffLimit, int pods) {

  /** How a run went, or goes. */
  enum Outcome {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  /** A run scheduled at {@code scheduled}. */
  record Run(Instant scheduled, Outcome outcome) {}

  /**
   * The runs of a CronJob on {@code schedule} created at {@code created}, up to {@code until}
   * (earlier than the epoch for a suspended one, which then has no run going), with at most {@code
   * budget} pods; {@code showAll} makes the latest run still going and the one before it failed.
   */
  static CronJobHistory plan(
      ClusterRandom random,
      PeriodicSchedule schedule,
      Instant created,
      Instant until,
      int successfulLimit,
      int backoffLimit,
      boolean showAll,
      int budget) {
    List<Run> runs = new ArrayList<>();
    int pods = 0;
    int succeeded = 0;
    boolean failed = false;
    Instant slot = schedule.lastAtOrBefore(until.minusSeconds(60));
    for (int i = 0; slot.isAfter(created.plusSeconds(60)); i++) {
      Outcome outcome;
      if (i == 0 && until.equals(ClusterRandom.EPOCH) && (showAll || random.chance(0.3))) {
        outcome = Outcome.RUNNING;
      } else if (!failed && (showAll ? i == 1 : random.chance(0.15))) {
        outcome = Outcome.FAILED;
      } else if (succeeded < successfulLimit) {
        outcome = Outcome.SUCCEEDED;
      } else {
        // Older successful runs were deleted by the CronJob controller's history cleanup.
        break;
      }
      int cost = outcome == Outcome.FAILED ? backoffLimit + 1 : 1;
      if (cost > budget - pods) {
        break;
      }
      runs.add(new Run(slot, outcome));
      pods += cost;
      succeeded += outcome == Outcome.SUCCEEDED ? 1 : 0;
      failed |= outcome == Outcome.FAILED;
      slot = schedule.lastAtOrBefore(slot.minusSeconds(1));
    }
    return new CronJobHistory(List.copyOf(runs), backoffLimit, pods);
  }

  /**
   * Creates the runs of {@code cronJob} oldest first, each taking up to {@code typicalSeconds},
   * none ending after {@code until}, their pods on {@code nodes}; adds the Jobs and pods to the
   * lists and sets the CronJob's status.
   */
  void create(
      ClusterRandom random,
      CronJob cronJob,
      int typicalSeconds,
      Instant until,
      List<Node> nodes,
      List<Job> jobs,
      List<Pod> pods) {
    List<ObjectReference> active = new ArrayList<>();
    String lastSuccess = null;
    for (int i = runs.size() - 1; i >= 0; i--) {
      Run run = runs.get(i);
      Job job = BatchObjects.scheduledJob(random, cronJob, run.scheduled());
      Instant start = run.scheduled().plusSeconds(random.between(1, 3));
      long window = until.getEpochSecond() - start.getEpochSecond() - 4;
      int attempts = run.outcome() == Outcome.FAILED ? backoffLimit + 1 : 1;
      long spacing = Math.max(16, Math.min(typicalSeconds, window / attempts));
      List<Pod> own = new ArrayList<>();
      for (int k = 0; k < attempts; k++) {
        Node node = nodes.get(random.below(nodes.size()));
        own.add(
            BatchObjects.pod(
                random, job, node, ClusterRandom.secondsBefore(start.plusSeconds(k * spacing))));
      }
      BatchObjects.start(job, start.toString(), own);
      if (run.outcome() == Outcome.RUNNING) {
        active.add(BatchObjects.reference(job));
      } else {
        boolean success = run.outcome() == Outcome.SUCCEEDED;
        Instant end = start;
        for (int k = 0; k < attempts; k++) {
          end = start.plusSeconds(k * spacing + random.between(8, (int) spacing / 2 + 8));
          PodChanges.finish(own.get(k), success, end.toString());
        }
        if (success) {
          BatchObjects.complete(job, end.toString());
          lastSuccess = end.toString();
        } else {
          BatchObjects.fail(job, "BackoffLimitExceeded", end.toString());
        }
      }
      jobs.add(job);
      pods.addAll(own);
    }
    cronJob.getStatus().setLastScheduleTime(runs.get(0).scheduled().toString());
    cronJob.getStatus().setLastSuccessfulTime(lastSuccess);
    cronJob.getStatus().setActive(active.isEmpty() ? null : active);
  }
}
