package org.treasuremarkers.core.annotate;

import java.util.function.Function;

/**
 * The last few results of a pure function of a String, per thread, keyed by the String's identity: the annotators
 * of one example ask for the same text's prose (or fenced blocks) several times, and the example's strings are the
 * same objects for all of them. Identity, not equality, so a hit costs a few reference compares and a miss never
 * hashes the text; strings are immutable, so a hit is always the function's answer.
 */
final class IdentityMemo<T> {
  private static final int SLOTS = 4; // prompt and completion, stripped or not

  private final Function<String, T> function;
  private final ThreadLocal<Slots<T>> slots = ThreadLocal.withInitial(Slots::new);

  IdentityMemo(Function<String, T> function) {
    this.function = function;
  }

  T apply(String text) {
    Slots<T> s = slots.get();
    for (int i = 0; i < SLOTS; i++) {
      if (s.keys[i] == text) {
        return s.values[i];
      }
    }
    T value = function.apply(text);
    int i = s.next;
    s.keys[i] = text;
    s.values[i] = value;
    s.next = (i + 1) % SLOTS;
    return value;
  }

  private static final class Slots<T> {
    final String[] keys = new String[SLOTS];
    @SuppressWarnings("unchecked")
    final T[] values = (T[]) new Object[SLOTS];
    int next;
  }
}
