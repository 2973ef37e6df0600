package org.treasuremarkers.model.train.executor;

import java.util.Arrays;
import java.util.List;

/**
 * Which CUDA device a Spark task should use, from the GPU addresses Spark's resource scheduling assigned to it
 * ({@code spark.task.resource.gpu.amount}). Pure logic, so it is tested without a GPU.
 *
 * <p>Spark's addresses are what the discovery script printed: usually the physical indices {@code nvidia-smi}
 * lists (it ignores {@code CUDA_VISIBLE_DEVICES}). CUDA, and so ND4J, numbers only the devices
 * {@code CUDA_VISIBLE_DEVICES} shows, in that order: when it is set, the device is the address's position in it.
 *
 * @param device the CUDA device ordinal to pin to, or -1 when there is nothing to pin
 * @param note why, for the log
 */
public record GpuAssignment(int device, String note) {
  public static final String CUDA_VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";

  public boolean pins() {
    return device >= 0;
  }

  /**
   * @param addresses the task's GPU addresses (empty when the job did not ask for GPUs)
   * @param cudaVisibleDevices the executor's {@code CUDA_VISIBLE_DEVICES}, or null
   * @param deviceCount devices ND4J sees
   * @throws IllegalStateException when the address names no device this process can use (a misconfigured
   *     discovery script or isolation): training on a guessed GPU would share another task's device
   */
  public static GpuAssignment of(List<String> addresses, String cudaVisibleDevices, int deviceCount) {
    if (addresses.isEmpty()) {
      return new GpuAssignment(-1, "no GPU assigned to the task (spark.task.resource.gpu.amount not set)");
    }
    String address = addresses.get(0).trim();
    String extra = addresses.size() > 1
        ? "; the task was given " + addresses.size() + " GPUs " + addresses + " but one worker trains on one device,"
            + " so the others stay idle (set spark.task.resource.gpu.amount=1)"
        : "";
    int device;
    if (cudaVisibleDevices != null && !cudaVisibleDevices.isBlank()) {
      List<String> visible = Arrays.stream(cudaVisibleDevices.split(",")).map(String::trim).toList();
      device = visible.indexOf(address);
      if (device < 0) {
        throw new IllegalStateException("Spark assigned GPU '" + address + "' to this task but "
            + CUDA_VISIBLE_DEVICES + "=" + cudaVisibleDevices + " hides it; make the GPU discovery script report"
            + " the devices this executor can see");
      }
    } else {
      try {
        device = Integer.parseInt(address);
      } catch (NumberFormatException e) {
        throw new IllegalStateException("Spark assigned GPU '" + address + "' to this task: not a device index"
            + " and " + CUDA_VISIBLE_DEVICES + " is not set to map it; make the GPU discovery script print indices"
            + " (nvidia-smi --query-gpu=index)");
      }
      if (device < 0) {
        throw new IllegalStateException("Spark assigned GPU '" + address + "': a device index cannot be negative");
      }
    }
    if (device >= deviceCount) {
      throw new IllegalStateException("Spark assigned GPU '" + address + "' (CUDA device " + device + ") to this"
          + " task but ND4J sees " + deviceCount + " device(s); check the discovery script and "
          + CUDA_VISIBLE_DEVICES);
    }
    return new GpuAssignment(device, "Spark assigned GPU '" + address + "': CUDA device " + device + extra);
  }
}
