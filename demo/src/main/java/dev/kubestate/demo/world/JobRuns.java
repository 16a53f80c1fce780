package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job and CronJob controllers' part of churn, through the API: a running Job finishes (its pods
 * exit; the Job completes, or fails after its backoff limit), the CronJob that owns it drops it
 * from {@code status.active}, notes a success, and deletes its oldest finished Job (with its pods)
 * beyond its history limit; and the CronJob due next runs, creating a Job named after the scheduled
 * minute with a running pod, moving {@code lastScheduleTime}. Suspended CronJobs never run; {@code
 * Forbid} ones not while a run is going. Confined to the churn's thread.
 */
final class JobRuns {

  /** A Job the churn follows. */
  private static final class Run {
    final Job job;
    final String cronJobUid;
    final Instant scheduled;
    final List<String> pods;
    boolean running;
    boolean succeeded;

    Run(Job job, String cronJobUid, Instant scheduled, List<String> pods) {
      this.job = job;
      this.cronJobUid = cronJobUid;
      this.scheduled = scheduled;
      this.pods = pods;
      this.running = BatchObjects.isRunning(job);
      this.succeeded = job.getStatus() != null && job.getStatus().getCompletionTime() != null;
    }
  }

  /** A CronJob and the time of its last run. */
  private static final class Cron {
    final CronJob cronJob;
    final PeriodicSchedule schedule;
    Instant last;

    Cron(CronJob cronJob) {
      this.cronJob = cronJob;
      this.schedule =
          PeriodicSchedule.parse(cronJob.getSpec().getSchedule(), cronJob.getSpec().getTimeZone());
      String last = cronJob.getStatus() == null ? null : cronJob.getStatus().getLastScheduleTime();
      this.last = Instant.parse(last != null ? last : cronJob.getMetadata().getCreationTimestamp());
    }
  }

  private final KubernetesClient client;
  private final ClusterRandom random;
  private final List<Node> nodes;
  private final List<Run> runs = new ArrayList<>();
  private final Map<String, Cron> crons = new HashMap<>();
  private final List<Cron> order = new ArrayList<>();

  JobRuns(KubernetesClient client, ClusterRandom random, SyntheticCluster cluster) {
    this.client = client;
    this.random = random;
    this.nodes = cluster.nodes().stream().filter(SyntheticNodes::schedulable).toList();
    for (CronJob c : cluster.cronJobs()) {
      Cron cron = new Cron(c);
      crons.put(c.getMetadata().getUid(), cron);
      order.add(cron);
    }
    Map<String, List<String>> podsByJob = new HashMap<>();
    for (Pod p : cluster.pods()) {
      OwnerReference owner = p.getMetadata().getOwnerReferences().get(0);
      if (owner.getKind().equals("Job")) {
        podsByJob
            .computeIfAbsent(owner.getUid(), k -> new ArrayList<>())
            .add(p.getMetadata().getName());
      }
    }
    for (Job j : cluster.jobs()) {
      List<OwnerReference> owners = j.getMetadata().getOwnerReferences();
      String scheduled =
          j.getMetadata().getAnnotations().get("batch.kubernetes.io/cronjob-scheduled-timestamp");
      runs.add(
          new Run(
              j,
              owners == null || owners.isEmpty() ? null : owners.get(0).getUid(),
              scheduled == null ? null : Instant.parse(scheduled),
              podsByJob.getOrDefault(j.getMetadata().getUid(), List.of())));
    }
  }

  /** Finishes a running Job drawn at random at {@code now}; null when none runs. */
  String finish(String now) {
    List<Run> running = runs.stream().filter(r -> r.running).toList();
    if (running.isEmpty()) {
      return null;
    }
    Run run = running.get(random.below(running.size()));
    Job job = run.job;
    // With retries left, a failing pod would be replaced; only a Job without retries fails here.
    boolean success = job.getSpec().getBackoffLimit() > 0 || !random.chance(0.3);
    end(run, success, now);
    String done =
        "job "
            + job.getMetadata().getNamespace()
            + "/"
            + job.getMetadata().getName()
            + ": "
            + (success ? "succeeded" : "failed (BackoffLimitExceeded)");
    Cron cron = run.cronJobUid == null ? null : crons.get(run.cronJobUid);
    if (cron != null) {
      cronJob(cron)
          .editStatus(
              c -> {
                c.getStatus()
                    .setActive(
                        nullIfEmpty(
                            BatchObjects.withActive(
                                c.getStatus().getActive(), null, job.getMetadata().getUid())));
                if (success) {
                  c.getStatus().setLastSuccessfulTime(now);
                }
                return c;
              });
      String deleted = cleanUp(cron, success);
      if (deleted != null) {
        done += "; cronjob deleted old job " + deleted;
      }
    }
    return done;
  }

  /** Ends {@code run} at {@code now}: its pods exit, then the Job completes or fails. */
  private void end(Run run, boolean success, String now) {
    String ns = run.job.getMetadata().getNamespace();
    for (String pod : run.pods) {
      client
          .pods()
          .inNamespace(ns)
          .withName(pod)
          .editStatus(p -> PodChanges.finish(p, success, now));
    }
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(ns)
        .withName(run.job.getMetadata().getName())
        .editStatus(
            j -> {
              if (success) {
                BatchObjects.complete(j, now);
              } else {
                BatchObjects.fail(j, "BackoffLimitExceeded", now);
              }
              return j;
            });
    run.running = false;
    run.succeeded = success;
  }

  /**
   * Runs the CronJob due next, on the clock's time or, if it is not due yet, at its next run (the
   * clock moves on to it); null when none may run.
   */
  String schedule(ChurnClock clock) {
    Cron next = null;
    Instant due = null;
    for (Cron c : order) {
      boolean forbidden =
          "Forbid".equals(c.cronJob.getSpec().getConcurrencyPolicy())
              && runs.stream().anyMatch(r -> r.running && c == crons.get(r.cronJobUid));
      if (Boolean.TRUE.equals(c.cronJob.getSpec().getSuspend()) || forbidden) {
        continue;
      }
      Instant d = c.schedule.nextAfter(c.last);
      if (due == null || d.isBefore(due)) {
        next = c;
        due = d;
      }
    }
    if (next == null || nodes.isEmpty()) {
      return null;
    }
    // A run missed while the churn did other things is made up once, for the latest missed time.
    Instant slot = due.isAfter(clock.now()) ? due : next.schedule.lastAtOrBefore(clock.now());
    Instant start = slot.plusSeconds(random.between(1, 3));
    clock.advanceTo(start);
    Job job = BatchObjects.scheduledJob(random, next.cronJob, slot);
    Pod pod =
        BatchObjects.pod(
            random, job, nodes.get(random.below(nodes.size())), ClusterRandom.secondsBefore(start));
    BatchObjects.start(job, start.toString(), List.of(pod));
    client.resource(job).create();
    client.resource(pod).create();
    cronJob(next)
        .editStatus(
            c -> {
              c.getStatus().setLastScheduleTime(slot.toString());
              c.getStatus()
                  .setActive(
                      BatchObjects.withActive(
                          c.getStatus().getActive(), BatchObjects.reference(job), null));
              return c;
            });
    next.last = slot;
    runs.add(
        new Run(
            job, next.cronJob.getMetadata().getUid(), slot, List.of(pod.getMetadata().getName())));
    return "cronjob " + name(next.cronJob) + ": scheduled job " + job.getMetadata().getName();
  }

  /**
   * Deletes the oldest finished Job of {@code cron} with the given outcome, and its pods, when
   * there are more than the CronJob keeps; returns its name, or null.
   */
  private String cleanUp(Cron cron, boolean succeeded) {
    Integer limit =
        succeeded
            ? cron.cronJob.getSpec().getSuccessfulJobsHistoryLimit()
            : cron.cronJob.getSpec().getFailedJobsHistoryLimit();
    List<Run> kept =
        runs.stream()
            .filter(r -> !r.running && r.succeeded == succeeded && crons.get(r.cronJobUid) == cron)
            .sorted(Comparator.comparing(r -> r.scheduled))
            .toList();
    if (limit == null || kept.size() <= limit) {
      return null;
    }
    Run oldest = kept.get(0);
    String ns = oldest.job.getMetadata().getNamespace();
    for (String pod : oldest.pods) {
      client.pods().inNamespace(ns).withName(pod).delete();
    }
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(ns)
        .withName(oldest.job.getMetadata().getName())
        .delete();
    runs.remove(oldest);
    return oldest.job.getMetadata().getName();
  }

  private io.fabric8.kubernetes.client.dsl.Resource<CronJob> cronJob(Cron cron) {
    return client
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(cron.cronJob.getMetadata().getNamespace())
        .withName(cron.cronJob.getMetadata().getName());
  }

  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  private static String name(CronJob c) {
    return c.getMetadata().getNamespace() + "/" + c.getMetadata().getName();
  }
}
