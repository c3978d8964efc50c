package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.CGAlgorithmsDD;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DirectedDistance#orientationIndex} (JTS's floating-point filter inlined, JTS's double-double test when the
 * filter is undecided) gives JTS's {@link CGAlgorithmsDD#orientationIndex} answer on every input: random triples,
 * nearly collinear triples at Lambert-93 magnitudes (where the filter cannot decide), exactly collinear and repeated
 * points, zeros of both signs, infinities and NaN.
 */
class OrientationIndexTest {
    @Test
    void sameAnswerAsJts() {
        Random rnd = new Random(1215);
        int collinear = 0;
        int undecidedByFilter = 0;
        double[] specials = {0.0, -0.0, 1, -1, 1e-300, 6_500_000.25, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE};
        for (int i = 0; i < 400_000; i++) {
            double[] v = new double[6];
            switch (i % 5) {
                case 0 -> { // random points
                    for (int k = 0; k < 6; k++) v[k] = (rnd.nextDouble() - 0.5) * 2000;
                }
                case 1 -> { // a point on the line through two Lambert-93 points, moved by a few ulps or not at all
                    double x0 = 600_000 + rnd.nextDouble() * 500_000, y0 = 6_200_000 + rnd.nextDouble() * 900_000;
                    double dx = (rnd.nextDouble() - 0.5) * 50, dy = (rnd.nextDouble() - 0.5) * 50;
                    double t = rnd.nextDouble() * 3 - 1;
                    v = new double[]{x0, y0, x0 + dx, y0 + dy, x0 + t * dx, y0 + t * dy};
                    int ulps = rnd.nextInt(5) - 2;
                    v[4] += ulps * Math.ulp(v[4]);
                }
                case 2 -> { // integer grid: exactly collinear triples are frequent
                    for (int k = 0; k < 6; k++) v[k] = rnd.nextInt(5);
                }
                case 3 -> { // repeated points
                    v[0] = rnd.nextDouble();
                    v[1] = rnd.nextDouble();
                    v[2] = rnd.nextBoolean() ? v[0] : rnd.nextDouble();
                    v[3] = rnd.nextBoolean() ? v[1] : rnd.nextDouble();
                    v[4] = rnd.nextBoolean() ? v[0] : v[2];
                    v[5] = rnd.nextBoolean() ? v[1] : v[3];
                }
                default -> { // special values mixed with ordinary ones
                    for (int k = 0; k < 6; k++) v[k] = rnd.nextInt(3) == 0 ? specials[rnd.nextInt(specials.length)] : rnd.nextDouble() * 10;
                }
            }
            int jts = CGAlgorithmsDD.orientationIndex(v[0], v[1], v[2], v[3], v[4], v[5]);
            int ours = DirectedDistance.orientationIndex(v[0], v[1], v[2], v[3], v[4], v[5]);
            assertEquals(jts, ours, "triple " + i + ": " + java.util.Arrays.toString(v));
            if (jts == 0) collinear++;
            if (undecided(v)) undecidedByFilter++;
        }
        assertTrue(collinear > 20_000, collinear + " collinear triples");
        assertTrue(undecidedByFilter > 5_000, undecidedByFilter + " triples left to the double-double test");
    }

    /** Whether JTS's filter leaves the triple to the double-double arithmetic (its error bound not exceeded). */
    private static boolean undecided(double[] v) {
        double detleft = (v[0] - v[4]) * (v[3] - v[5]);
        double detright = (v[1] - v[5]) * (v[2] - v[4]);
        double det = detleft - detright;
        if (!(detleft > 0 && detright > 0) && !(detleft < 0 && detright < 0)) return false;
        double bound = 1e-15 * Math.abs(detleft + detright);
        return !(det >= bound || -det >= bound);
    }
}
