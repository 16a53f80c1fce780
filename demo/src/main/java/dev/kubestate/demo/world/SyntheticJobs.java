package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CronJobs and Jobs of a synthetic cluster with their pods, sized to a pod budget. Each CronJob
 * keeps the history its limits allow: runs that succeeded (a Succeeded pod each), at most one that
 * failed after its backoff limit (its Failed pods), and sometimes the latest run still going (a
 * running pod); one CronJob is suspended. Standalone Jobs: a running one, one stopped at its
 * deadline (its pod deleted), and finished database migrations. Without schedulable nodes, or with
 * fewer than two pods to spend, there are none. Immutable once built.
 *
 * @param cronJobs the CronJobs
 * @param jobs the Jobs, standalone ones first, then each CronJob's oldest first
 * @param pods the pods of the Jobs
 */
record SyntheticJobs(List<CronJob> cronJobs, List<Job> jobs, List<Pod> pods) {

  /** A recurring task: what it is called, when it runs, how long it usually takes. */
  private record Task(String name, PeriodicSchedule schedule, int typicalSeconds) {}

  private static final List<Task> TASKS =
      List.of(
          new Task("cleanup", PeriodicSchedule.everyMinutes(15), 120),
          new Task("partner-sync", PeriodicSchedule.everyMinutes(5), 90),
          new Task("purge", PeriodicSchedule.everyMinutes(30), 180),
          new Task("reconcile", PeriodicSchedule.hourly(17), 600),
          new Task("export", PeriodicSchedule.hourly(45), 300),
          new Task("backup", PeriodicSchedule.daily(2, 30, null), 1800),
          new Task("report", PeriodicSchedule.daily(6, 0, "Europe/Berlin"), 900),
          new Task("digest", PeriodicSchedule.daily(8, 0, "America/New_York"), 600),
          new Task("rollup", PeriodicSchedule.weekly(0, 3, 0, "Europe/Berlin"), 3600));

  private static final List<Integer> BACKOFF_LIMITS = List.of(0, 0, 1, 2);
  private static final List<Integer> HISTORY_LIMITS = List.of(1, 3, 3);

  /** Jobs with {@code budget} pods at most, on the schedulable {@code nodes}. */
  static SyntheticJobs generate(ClusterRandom random, List<Node> nodes, int budget) {
    SyntheticJobs out = new SyntheticJobs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    if (nodes.isEmpty() || budget < 2) {
      return out.frozen();
    }
    int remaining = budget - out.standalone(random, nodes, budget);
    Set<String> used = new HashSet<>();
    for (int attempt = 0; remaining > 0 && attempt < 1000; attempt++) {
      String team = random.pick(SyntheticNamespaces.TEAMS);
      Task task = random.pick(TASKS);
      String name = team + "-" + task.name();
      if (used.add(name)) {
        remaining -= out.cronJob(random, nodes, "team-" + team, name, task, remaining);
      }
    }
    return out.frozen();
  }

  private SyntheticJobs frozen() {
    return new SyntheticJobs(List.copyOf(cronJobs), List.copyOf(jobs), List.copyOf(pods));
  }

  /** Adds the standalone Jobs; returns the pods they took, within {@code budget}. */
  private int standalone(ClusterRandom random, List<Node> nodes, int budget) {
    String team = "team-" + random.pick(SyntheticNamespaces.TEAMS);
    int parallelism = budget >= 20 ? 2 : 1;
    long started = random.between(300, 5400);
    Job reindex = job(random, team, team.substring(5) + "-reindex", 6, parallelism, started + 1);
    List<Pod> running = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      running.add(BatchObjects.pod(random, reindex, pick(random, nodes), started - 2));
    }
    BatchObjects.start(reindex, ClusterRandom.before(started), running);
    pods.addAll(running);

    String other = "team-" + random.pick(SyntheticNamespaces.TEAMS);
    long backfillStart = random.between(86400, 2 * 86400);
    Job backfill = job(random, other, other.substring(5) + "-backfill", 6, 1, backfillStart + 1);
    backfill.getSpec().setActiveDeadlineSeconds(3600L);
    // The pod ran into the deadline; the Job controller deleted it and counted it failed.
    BatchObjects.start(backfill, ClusterRandom.before(backfillStart), 1, 1);
    BatchObjects.fail(backfill, "DeadlineExceeded", ClusterRandom.before(backfillStart - 3600));
    int used = parallelism;
    for (int n = 0; n < Math.min(8, (budget - used) / 8); n++) {
      String ns = "team-" + random.pick(SyntheticNamespaces.TEAMS);
      long age = random.between(3600, 60 * 86400);
      Job migrate = job(random, ns, ns.substring(5) + "-db-migrate-" + (n + 1), 3, 1, age);
      Pod pod = BatchObjects.pod(random, migrate, pick(random, nodes), age - 1);
      BatchObjects.start(migrate, ClusterRandom.before(age - 1), List.of(pod));
      String done = ClusterRandom.before(age - random.between(10, 120));
      PodChanges.finish(pod, true, done);
      BatchObjects.complete(migrate, done);
      pods.add(pod);
      used++;
    }
    return used;
  }

  private Job job(
      ClusterRandom random,
      String namespace,
      String name,
      int backoffLimit,
      int parallelism,
      long ageSeconds) {
    PodSpec template = template(random, namespace, name);
    template.setRestartPolicy("Never");
    Job job =
        BatchObjects.job(
            random,
            namespace,
            name,
            Map.of("app.kubernetes.io/name", name),
            template,
            backoffLimit,
            parallelism,
            ClusterRandom.before(ageSeconds));
    jobs.add(job);
    return job;
  }

  /**
   * Adds CronJob {@code name} and its history within {@code budget} pods; returns the pods taken,
   * at least 1 (a CronJob too new to have run takes nothing, but is not added either).
   */
  private int cronJob(
      ClusterRandom random,
      List<Node> nodes,
      String namespace,
      String name,
      Task task,
      int budget) {
    long ageSeconds = random.between(7 * 86400, 200 * 86400);
    int backoffLimit = random.pick(BACKOFF_LIMITS);
    CronJob cronJob =
        BatchObjects.cronJob(
            random,
            namespace,
            name,
            task.schedule(),
            template(random, namespace, name),
            backoffLimit,
            random.pick(HISTORY_LIMITS),
            ageSeconds);
    boolean suspended = cronJobs.size() == 1;
    Instant until =
        suspended
            ? ClusterRandom.EPOCH.minusSeconds(random.between(3 * 86400, 6 * 86400))
            : ClusterRandom.EPOCH;
    Instant created = ClusterRandom.EPOCH.minusSeconds(ageSeconds);
    CronJobHistory history =
        CronJobHistory.plan(
            random,
            task.schedule(),
            created,
            until,
            cronJob.getSpec().getSuccessfulJobsHistoryLimit(),
            backoffLimit,
            !suspended && cronJobs.isEmpty(),
            budget);
    if (history.runs().isEmpty()) {
      return 1;
    }
    cronJob.getSpec().setSuspend(suspended);
    cronJobs.add(cronJob);
    history.create(random, cronJob, task.typicalSeconds(), until, nodes, jobs, pods);
    return history.pods();
  }

  private static PodSpec template(ClusterRandom random, String namespace, String name) {
    return SyntheticLimitRanges.admit(
        namespace,
        PodTemplates.single(
                random,
                name,
                "registry.example.com/" + namespace + "/" + name + ":v1." + random.below(30),
                0,
                PodTemplates.Qos.BURSTABLE)
            .spec());
  }

  private static Node pick(ClusterRandom random, List<Node> nodes) {
    return nodes.get(random.below(nodes.size()));
  }
}
