package org.treasuremarkers.model.train.executor;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins the calling Spark task thread to the GPU Spark's resource scheduling assigned to the task, before the worker
 * builds its network there (ND4J's CUDA backend allocates on the thread's current device). Spark reuses task
 * threads, so every task pins again. On the CPU backend it only logs, once per JVM.
 */
public final class TaskDevice {
  private static final Logger LOG = LoggerFactory.getLogger(TaskDevice.class);
  /** Spark's resource name for GPUs (ResourceUtils.GPU). */
  static final String GPU = "gpu";
  private static final AtomicBoolean CPU_LOGGED = new AtomicBoolean();
  private static final AtomicBoolean NONE_LOGGED = new AtomicBoolean();

  private TaskDevice() {}

  /** The GPU addresses Spark assigned to the running task; empty outside a task or without GPU scheduling. */
  public static List<String> assignedGpus() {
    TaskContext task = TaskContext.get();
    if (task == null) {
      return List.of();
    }
    ResourceInformation gpu = task.resourcesJMap().get(GPU);
    return gpu == null ? List.of() : Arrays.asList(gpu.addresses());
  }

  /** Pins ND4J on this thread to the task's GPU (CUDA backend), or logs why nothing is pinned. */
  public static void pin() {
    List<String> addresses = assignedGpus();
    if (Nd4j.getEnvironment().isCPU()) {
      if (CPU_LOGGED.compareAndSet(false, true)) {
        LOG.info("ND4J CPU backend: no device to pin{}", addresses.isEmpty() ? ""
            : " (Spark assigned GPU " + addresses + " to the task; build with -Pcuda to use it)");
      }
      return;
    }
    GpuAssignment assignment = GpuAssignment.of(addresses, System.getenv(GpuAssignment.CUDA_VISIBLE_DEVICES),
        Nd4j.getAffinityManager().getNumberOfDevices());
    if (!assignment.pins()) {
      if (NONE_LOGGED.compareAndSet(false, true)) {
        LOG.info("ND4J GPU backend: {}; ND4J picks the device", assignment.note());
      }
      return;
    }
    Integer current = Nd4j.getAffinityManager().getDeviceForCurrentThread();
    if (current == null || current != assignment.device()) {
      // as ND4J itself does before switching a thread's device: drop the context bound to the old one
      Nd4j.getMemoryManager().releaseCurrentContext();
      Nd4j.getAffinityManager().unsafeSetDevice(assignment.device());
    }
    LOG.info("task {} pinned to {} (thread device now {})", TaskContext.get().taskAttemptId(), assignment.note(),
        Nd4j.getAffinityManager().getDeviceForCurrentThread());
  }
}
