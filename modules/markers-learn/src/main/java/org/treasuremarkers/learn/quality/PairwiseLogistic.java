package org.treasuremarkers.learn.quality;

/**
 * Fits the weights w of a Bradley-Terry model on feature differences: P(second better) = sigmoid(w . (x2 - x1)),
 * with an L2 penalty {@code l2 / 2 * |w|^2} and no intercept (the order of a pair carries no information).
 * Newton's method on the convex log-likelihood: exact up to the tolerance, and deterministic.
 */
final class PairwiseLogistic {
  private static final int MAX_ITERATIONS = 50;
  private static final double TOLERANCE = 1e-9;

  private PairwiseLogistic() {}

  /** @param differences per pair, x2 - x1 (already standardised) */
  static double[] fit(double[][] differences, boolean[] secondBetter, double l2) {
    int d = differences[0].length;
    double[] w = new double[d];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int i = 0; i < d; i++) {
        gradient[i] = l2 * w[i];
        hessian[i][i] = l2;
      }
      for (int r = 0; r < differences.length; r++) {
        double[] x = differences[r];
        double p = sigmoid(dot(w, x));
        double residual = p - (secondBetter[r] ? 1 : 0);
        double curvature = p * (1 - p);
        for (int i = 0; i < d; i++) {
          gradient[i] += residual * x[i];
          double xi = curvature * x[i];
          for (int j = 0; j <= i; j++) {
            hessian[i][j] += xi * x[j];
          }
        }
      }
      for (int i = 0; i < d; i++) {
        for (int j = i + 1; j < d; j++) {
          hessian[i][j] = hessian[j][i];
        }
      }
      double[] step = solve(hessian, gradient);
      double largest = 0;
      for (int i = 0; i < d; i++) {
        w[i] -= step[i];
        largest = Math.max(largest, Math.abs(step[i]));
      }
      if (largest < TOLERANCE) {
        break;
      }
    }
    return w;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  // Cholesky: the Hessian plus l2 * I is symmetric positive definite.
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (s <= 0) {
            throw new IllegalStateException("Hessian not positive definite; raise l2");
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }
}
