package org.treasuremarkers.model.train.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The device a task pins from Spark's GPU addresses (no GPU needed: pure logic). */
class GpuAssignmentTest {
  @Test
  void noAddressesPinNothing() {
    GpuAssignment a = GpuAssignment.of(List.of(), null, 0);
    assertFalse(a.pins());
    assertTrue(a.note().contains("spark.task.resource.gpu.amount"), a.note());
  }

  @Test
  void anIndexIsTheDeviceWhenNothingHidesDevices() {
    assertEquals(1, GpuAssignment.of(List.of("1"), null, 2).device());
    assertEquals(0, GpuAssignment.of(List.of(" 0 "), "", 4).device());
  }

  @Test
  void cudaVisibleDevicesRenumbers() {
    // Spark (nvidia-smi) says physical GPU 3; CUDA in this process only sees 2 and 3, as devices 0 and 1.
    assertEquals(1, GpuAssignment.of(List.of("3"), "2, 3", 2).device());
    assertEquals(0, GpuAssignment.of(List.of("GPU-5e1c"), "GPU-5e1c,GPU-77aa", 2).device());
    IllegalStateException hidden = assertThrows(IllegalStateException.class,
        () -> GpuAssignment.of(List.of("0"), "2,3", 2));
    assertTrue(hidden.getMessage().contains("CUDA_VISIBLE_DEVICES=2,3 hides it"), hidden.getMessage());
  }

  @Test
  void severalAddressesUseTheFirstAndSaySo() {
    GpuAssignment a = GpuAssignment.of(List.of("2", "3"), null, 4);
    assertEquals(2, a.device());
    assertTrue(a.note().contains("spark.task.resource.gpu.amount=1"), a.note());
  }

  @Test
  void addressesNoDeviceMatchesAreErrors() {
    IllegalStateException tooHigh = assertThrows(IllegalStateException.class,
        () -> GpuAssignment.of(List.of("4"), null, 2));
    assertTrue(tooHigh.getMessage().contains("ND4J sees 2 device(s)"), tooHigh.getMessage());
    IllegalStateException uuid = assertThrows(IllegalStateException.class,
        () -> GpuAssignment.of(List.of("GPU-5e1c"), null, 2));
    assertTrue(uuid.getMessage().contains("not a device index"), uuid.getMessage());
    assertThrows(IllegalStateException.class, () -> GpuAssignment.of(List.of("-1"), null, 2));
    // a CPU-only ND4J sees no CUDA device at all
    assertThrows(IllegalStateException.class, () -> GpuAssignment.of(List.of("0"), null, 0));
  }
}
