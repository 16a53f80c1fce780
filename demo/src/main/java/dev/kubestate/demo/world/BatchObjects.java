package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch/v1 objects of the demo, as the CronJob and Job controllers make and change them:
 * CronJobs, the Jobs they schedule (named {@code <cronjob>-<minutes since 1970>} of the scheduled
 * time), standalone Jobs, the pods of a Job, and a Job's status as it runs, completes or fails.
 * Used both to generate a cluster and by its churn. Stateless.
 */
final class BatchObjects {

  private BatchObjects() {}

  /**
   * CronJob {@code name} in {@code namespace}, created {@code ageSeconds} before {@link
   * ClusterRandom#EPOCH}, running {@code template} (restart policy Never) on {@code schedule}, with
   * no run yet.
   */
  static CronJob cronJob(
      ClusterRandom random,
      String namespace,
      String name,
      PeriodicSchedule schedule,
      PodSpec template,
      int backoffLimit,
      int successfulHistory,
      long ageSeconds) {
    Map<String, String> labels = Map.of("app.kubernetes.io/name", name);
    template.setRestartPolicy("Never");
    return new CronJobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withUid(random.uid())
        .withCreationTimestamp(ClusterRandom.before(ageSeconds))
        .withGeneration(1L)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withSchedule(schedule.cron())
        .withTimeZone(schedule.timeZone())
        .withConcurrencyPolicy(random.chance(0.7) ? "Forbid" : "Allow")
        .withSuspend(false)
        .withSuccessfulJobsHistoryLimit(successfulHistory)
        .withFailedJobsHistoryLimit(1)
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(backoffLimit)
        .withTemplate(
            new PodTemplateSpec(new ObjectMetaBuilder().withLabels(labels).build(), template))
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .withNewStatus()
        .endStatus()
        .build();
  }

  /** The Job {@code cronJob} creates for its run at {@code scheduled}, not started yet. */
  static Job scheduledJob(ClusterRandom random, CronJob cronJob, Instant scheduled) {
    String name = cronJob.getMetadata().getName() + "-" + scheduled.getEpochSecond() / 60;
    Job job =
        job(
            random,
            cronJob.getMetadata().getNamespace(),
            name,
            cronJob.getSpec().getJobTemplate().getMetadata().getLabels(),
            cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec(),
            cronJob.getSpec().getJobTemplate().getSpec().getBackoffLimit(),
            1,
            scheduled.toString());
    job.getMetadata()
        .getAnnotations()
        .put("batch.kubernetes.io/cronjob-scheduled-timestamp", scheduled.toString());
    job.getMetadata().setOwnerReferences(List.of(SyntheticPods.controllerOf("batch/v1", cronJob)));
    return job;
  }

  /**
   * A Job {@code name} in {@code namespace} running {@code parallelism} pods of {@code template} at
   * a time for as many completions, created at {@code created}, not started yet.
   */
  static Job job(
      ClusterRandom random,
      String namespace,
      String name,
      Map<String, String> labels,
      PodSpec template,
      int backoffLimit,
      int parallelism,
      String created) {
    String uid = random.uid();
    Map<String, String> podLabels = new LinkedHashMap<>(labels);
    podLabels.put("batch.kubernetes.io/controller-uid", uid);
    podLabels.put("batch.kubernetes.io/job-name", name);
    podLabels.put("controller-uid", uid);
    podLabels.put("job-name", name);
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withUid(uid)
        .withCreationTimestamp(created)
        .withGeneration(1L)
        .withLabels(podLabels)
        .withAnnotations(new LinkedHashMap<>())
        .endMetadata()
        .withNewSpec()
        .withParallelism(parallelism)
        .withCompletions(parallelism)
        .withBackoffLimit(backoffLimit)
        .withCompletionMode("NonIndexed")
        .withSuspend(false)
        .withPodReplacementPolicy("TerminatingOrFailed")
        .withNewSelector()
        .addToMatchLabels("batch.kubernetes.io/controller-uid", uid)
        .endSelector()
        .withTemplate(
            new PodTemplateSpec(new ObjectMetaBuilder().withLabels(podLabels).build(), template))
        .endSpec()
        .withStatus(new JobStatus())
        .build();
  }

  /**
   * A pod of {@code job}, created {@code ageSeconds} before {@link ClusterRandom#EPOCH} (negative:
   * after), running on {@code node} unless drawn being created.
   */
  static Pod pod(ClusterRandom random, Job job, Node node, long ageSeconds) {
    String prefix = job.getMetadata().getName() + "-";
    PodSpec template = job.getSpec().getTemplate().getSpec();
    return SyntheticPods.generate(
        random,
        new SyntheticPods.Origin(
            job.getMetadata().getNamespace(),
            prefix + random.suffix(5),
            prefix,
            job.getSpec().getTemplate().getMetadata().getLabels(),
            SyntheticPods.controllerOf("batch/v1", job),
            template),
        PodTemplates.Qos.of(template),
        node,
        random.chance(0.9) ? SyntheticPods.State.RUNNING : SyntheticPods.State.CREATING,
        ageSeconds);
  }

  /** Marks {@code job} started at {@code start} with its {@code pods} active. */
  static void start(Job job, String start, List<Pod> pods) {
    start(job, start, pods.size(), (int) pods.stream().filter(SyntheticWorkloads::isReady).count());
  }

  /** Marks {@code job} started at {@code start} with {@code active} pods, {@code ready} ready. */
  static void start(Job job, String start, int active, int ready) {
    job.setStatus(
        new JobStatusBuilder()
            .withStartTime(start)
            .withActive(active)
            .withReady(ready)
            .withTerminating(0)
            .withNewUncountedTerminatedPods()
            .endUncountedTerminatedPods()
            .build());
  }

  /** Marks {@code job} complete at {@code when}: its active pods succeeded. */
  static void complete(Job job, String when) {
    JobStatus s = job.getStatus();
    s.setSucceeded(count(s.getSucceeded()) + count(s.getActive()));
    s.setActive(null);
    s.setReady(0);
    s.setCompletionTime(when);
    String message = "Reached expected number of succeeded pods";
    s.setConditions(
        List.of(
            condition("SuccessCriteriaMet", "CompletionsReached", message, when),
            condition("Complete", "CompletionsReached", message, when)));
  }

  /**
   * Marks {@code job} failed at {@code when} for {@code reason} ({@code BackoffLimitExceeded}: its
   * active pods failed; {@code DeadlineExceeded}: they were stopped and count as failed).
   */
  static void fail(Job job, String reason, String when) {
    JobStatus s = job.getStatus();
    s.setFailed(count(s.getFailed()) + count(s.getActive()));
    s.setActive(null);
    s.setReady(0);
    String message =
        reason.equals("DeadlineExceeded")
            ? "Job was active longer than specified deadline"
            : "Job has reached the specified backoff limit";
    s.setConditions(
        List.of(
            condition("FailureTarget", reason, message, when),
            condition("Failed", reason, message, when)));
  }

  /** Whether {@code job} has neither completed nor failed. */
  static boolean isRunning(Job job) {
    return job.getStatus() == null
        || job.getStatus().getConditions() == null
        || job.getStatus().getConditions().isEmpty();
  }

  /** The reference a CronJob keeps in {@code status.active} to a running Job. */
  static ObjectReference reference(Job job) {
    return new ObjectReferenceBuilder()
        .withApiVersion("batch/v1")
        .withKind("Job")
        .withNamespace(job.getMetadata().getNamespace())
        .withName(job.getMetadata().getName())
        .withUid(job.getMetadata().getUid())
        .build();
  }

  /** {@code refs} plus {@code ref}, or without the reference of UID {@code uid}. */
  static List<ObjectReference> withActive(
      List<ObjectReference> refs, ObjectReference add, String remove) {
    List<ObjectReference> out = new ArrayList<>();
    if (refs != null) {
      for (ObjectReference r : refs) {
        if (!r.getUid().equals(remove)) {
          out.add(r);
        }
      }
    }
    if (add != null) {
      out.add(add);
    }
    return out;
  }

  private static io.fabric8.kubernetes.api.model.batch.v1.JobCondition condition(
      String type, String reason, String message, String when) {
    return new JobConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage(message)
        .withLastProbeTime(when)
        .withLastTransitionTime(when)
        .build();
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }
}
